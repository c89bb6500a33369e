import type { z } from 'zod';
import {
  AlertStateV1,
  CheckCommandV1,
  CheckDefinitionChangedV1,
  CheckRegressionV1,
  CheckResultV1,
  SecurityEventV1,
  ServiceHeartbeatV1,
  TargetHealthV1,
} from './payloads';

/**
 * Every event channel NEO publishes, with the schema its payload must satisfy. Wire names carry a version
 * and are never renamed in place: a breaking change adds a `...v2` channel beside the old one.
 */
export const CHANNELS = {
  'neo.target.health.v1': TargetHealthV1,
  'neo.check.result.v1': CheckResultV1,
  'neo.alert.state.v1': AlertStateV1,
  'neo.service.heartbeat.v1': ServiceHeartbeatV1,
  'neo.security.event.v1': SecurityEventV1,
  'neo.check.regression.v1': CheckRegressionV1,
  'neo.check.definition.v1': CheckDefinitionChangedV1,
  'neo.check.command.v1': CheckCommandV1,
} as const;

export type ChannelName = keyof typeof CHANNELS;
export type PayloadOf<C extends ChannelName> = z.infer<(typeof CHANNELS)[C]>;
/** What a publisher hands in: schema defaults may be left out. */
export type PayloadInputOf<C extends ChannelName> = z.input<(typeof CHANNELS)[C]>;

export const CHANNEL_NAMES = Object.keys(CHANNELS) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(CHANNELS, name);
}
