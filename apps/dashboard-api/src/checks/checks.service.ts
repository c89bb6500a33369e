import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CheckDefinitionChangedV1 } from '@neo/contracts';
import { EVENT_BUS, type EventBus } from '@neo/transport';
import { CHECKS_STORE, type ChecksStore } from './checks-store';
import { redactDefinition, type CheckInput } from './dto/check-input';

export interface CheckSummary {
  readonly name: string;
  readonly source: 'file' | 'api';
  readonly paused: boolean;
  /** API-made checks: the definition with secrets redacted. */
  readonly definition: Record<string, unknown> | null;
  /** What a runner reported running (null until one picked it up). */
  readonly running: Record<string, unknown> | null;
}

/**
 * Checks made through the API: stored (Redis, or memory in all-in-one without it), announced on
 * `neo.check.definition.v1` so runners reload.
 */
@Injectable()
export class ChecksService {
  constructor(
    @Inject(CHECKS_STORE) private readonly store: ChecksStore,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
  ) {}

  async list(): Promise<CheckSummary[]> {
    const [stored, catalog, paused] = await Promise.all([
      this.store.stored(),
      this.store.catalog(),
      this.store.paused(),
    ]);
    const byName = new Map(stored.map((check) => [check.name, check]));
    const names = [...new Set([...catalog.keys(), ...byName.keys()])].sort();
    return names.map((name) => {
      const own = byName.get(name);
      return {
        name,
        source: own ? 'api' : 'file',
        paused: paused.has(name),
        definition: own ? redactDefinition(own.definition) : null,
        running: catalog.get(name) ?? null,
      };
    });
  }

  async get(name: string): Promise<CheckSummary> {
    const found = (await this.list()).find((check) => check.name === name);
    if (!found) throw new NotFoundException(`unknown check '${name}'`);
    return found;
  }

  async create(input: CheckInput): Promise<CheckSummary> {
    if ((await this.store.get(input.name)) || (await this.store.catalog()).has(input.name)) {
      throw new ConflictException(`check '${input.name}' already exists`);
    }
    const now = new Date().toISOString();
    await this.store.put({ name: input.name, definition: input.definition, createdAt: now, updatedAt: now });
    await this.announce(input.name, 'upsert');
    return this.get(input.name);
  }

  async update(name: string, input: CheckInput): Promise<CheckSummary> {
    const existing = await this.store.get(name);
    if (!existing)
      throw new NotFoundException(`unknown API-made check '${name}' (file checks are changed in the file)`);
    await this.store.put({ ...existing, definition: input.definition, updatedAt: new Date().toISOString() });
    await this.announce(name, 'upsert');
    return this.get(name);
  }

  async remove(name: string): Promise<void> {
    if (!(await this.store.delete(name))) throw new NotFoundException(`unknown API-made check '${name}'`);
    await this.announce(name, 'delete');
  }

  async setPaused(name: string, paused: boolean): Promise<CheckSummary> {
    await this.get(name);
    await this.store.setPaused(name, paused);
    await this.announce(name, paused ? 'pause' : 'resume');
    return this.get(name);
  }

  /** Asks the runners to run it now; one replica takes the request. */
  async runNow(name: string): Promise<{ requestId: string }> {
    await this.get(name);
    const requestId = randomUUID();
    await this.bus.publish('neo.check.command.v1', {
      action: 'run',
      name,
      requestId,
      at: new Date().toISOString(),
    });
    return { requestId };
  }

  private async announce(name: string, action: CheckDefinitionChangedV1['action']): Promise<void> {
    await this.bus.publish('neo.check.definition.v1', { name, action, at: new Date().toISOString() });
  }
}
