export { CHANNELS, CHANNEL_NAMES, isChannelName } from './lib/channels';
export type { ChannelName, PayloadOf, PayloadInputOf } from './lib/channels';
export { createEnvelope, decodeEnvelope, encodeEnvelope, InvalidPayloadError } from './lib/envelope';
export type { DecodeResult, Envelope, EnvelopeMeta } from './lib/envelope';
export {
  AlertStateV1,
  CheckCommandV1,
  CheckDefinitionChangedV1,
  CheckKindV1,
  CheckRegressionV1,
  CheckResultV1,
  CheckStateV1,
  HttpPhasesV1,
  JourneyStepResultV1,
  LabelsSchema,
  SecurityEventV1,
  ServiceHeartbeatV1,
  StoredCheckV1,
  TargetHealthV1,
} from './lib/payloads';
