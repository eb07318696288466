import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../audit/audit-log.ts';
import type { Logger } from '../../log/logger.ts';
import type { DocumentStore } from '../../store/document-store.ts';
import type { IdpDescriptor } from './idp-descriptor.ts';
import { readMetadataText } from './metadata-fetch.ts';
import { interpretMetadata } from './metadata-source.ts';
import type { InterpretedMetadata, MetadataSource } from './metadata-source.ts';
import { MetadataStore } from './metadata-store.ts';

export interface TrustListOptions {
  sources: MetadataSource[];
  /** Entity ids refused whatever the metadata says. */
  disabledIdps: string[];
  allowSha1: boolean;
  store: DocumentStore;
  logger: Logger;
  audit: AuditLog;
  now?: () => Date;
}

interface SourceState {
  idps: IdpDescriptor[];
  validUntil?: Date;
  version?: string;
}

/** Retry an unreachable or refused source sooner than its normal interval. */
const retrySeconds = 300;

/**
 * The IdPs Brygga trusts right now. Each source is refreshed in the background; a copy that
 * passed every check is kept in `saml_metadata`, so a restart or an unreachable federation
 * never empties the list, and bad or expired metadata is reported and never used.
 */
export class TrustList {
  private readonly states = new Map<string, SourceState>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly copies: MetadataStore;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private closed = false;

  constructor(private readonly options: TrustListOptions) {
    this.copies = new MetadataStore(options.store);
    this.logger = options.logger.child({ subcomponent: 'saml-metadata' });
    this.now = options.now ?? (() => new Date());
  }

  /** Loads every source once (fetch, else the stored copy), then refreshes in the background. */
  async start(): Promise<void> {
    await this.copies.ensureIndexes();
    await Promise.all(this.options.sources.map((source) => this.refreshAndSchedule(source)));
  }

  /** Fetches and checks one source now; on any failure the previous good copy stays. */
  async refresh(source: MetadataSource): Promise<InterpretedMetadata | undefined> {
    let xml: string;
    try {
      xml = await readMetadataText(source.location);
    } catch (error) {
      await this.report(source, 'saml_metadata_unreachable', error);
      await this.loadStored(source);
      return undefined;
    }
    let interpreted: InterpretedMetadata;
    try {
      interpreted = interpretMetadata(xml, source, this.now(), this.options.allowSha1);
    } catch (error) {
      await this.report(source, 'saml_metadata_invalid', error);
      await this.loadStored(source);
      return undefined;
    }
    for (const problem of interpreted.problems) {
      await this.report(source, 'saml_metadata_entity_refused', problem.problem, problem.entityId);
    }
    const version = randomUUID();
    await this.copies.save({
      source: source.id,
      xml,
      version,
      fetchedAt: this.now(),
      ...(interpreted.validUntil && { validUntil: interpreted.validUntil }),
    });
    this.setState(source, interpreted, version);
    this.logger.info({ source: source.id, idps: interpreted.idps.length }, 'SAML metadata loaded');
    return interpreted;
  }

  /** Every IdP usable now: present in its source, not expired, not disabled. */
  list(): IdpDescriptor[] {
    const seen = new Set<string>();
    const usable: IdpDescriptor[] = [];
    for (const source of this.options.sources) {
      for (const idp of this.states.get(source.id)?.idps ?? []) {
        if (seen.has(idp.entityId) || !this.isUsable(idp)) continue;
        seen.add(idp.entityId);
        usable.push(idp);
      }
    }
    return usable;
  }

  /**
   * The IdP for a response or logout message. Picks up a copy another process stored since,
   * so an IdP removed from the aggregate stops working everywhere, not only here.
   */
  async resolve(entityId: string): Promise<IdpDescriptor | undefined> {
    for (const source of this.options.sources) {
      const stored = await this.copies.version(source.id);
      if (stored && stored !== this.states.get(source.id)?.version) await this.loadStored(source);
    }
    return this.list().find((idp) => idp.entityId === entityId);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private isUsable(idp: IdpDescriptor): boolean {
    if (this.options.disabledIdps.includes(idp.entityId)) return false;
    return !idp.validUntil || idp.validUntil.getTime() > this.now().getTime();
  }

  private async refreshAndSchedule(source: MetadataSource): Promise<void> {
    const interpreted = await this.refresh(source);
    if (this.closed) return;
    const interval = interpreted
      ? Math.min(source.refreshIntervalSeconds, interpreted.cacheSeconds ?? Infinity)
      : Math.min(source.refreshIntervalSeconds, retrySeconds);
    const timer = setTimeout(
      () => {
        this.refreshAndSchedule(source).catch((error: unknown) =>
          this.logger.error({ err: error, source: source.id }, 'SAML metadata refresh failed'),
        );
      },
      Math.max(10, interval) * 1000,
    );
    timer.unref();
    this.timers.set(source.id, timer);
  }

  /** The stored copy is checked again: it may have expired since it was saved. */
  private async loadStored(source: MetadataSource): Promise<void> {
    const stored = await this.copies.lastGood(source.id);
    if (!stored) {
      if (!this.states.has(source.id)) this.logger.warn({ source: source.id }, 'no SAML metadata');
      return;
    }
    if (stored.version === this.states.get(source.id)?.version) return;
    try {
      const interpreted = interpretMetadata(stored.xml, source, this.now(), this.options.allowSha1);
      this.setState(source, interpreted, stored.version);
      this.logger.info({ source: source.id }, 'SAML metadata taken from the stored copy');
    } catch (error) {
      this.states.set(source.id, { idps: [], version: stored.version });
      await this.report(source, 'saml_metadata_stored_copy_invalid', error);
    }
  }

  private setState(source: MetadataSource, interpreted: InterpretedMetadata, version: string) {
    this.states.set(source.id, {
      idps: interpreted.idps,
      version,
      ...(interpreted.validUntil && { validUntil: interpreted.validUntil }),
    });
  }

  private async report(
    source: MetadataSource,
    reason: string,
    problem: unknown,
    entityId?: string,
  ) {
    const detail = problem instanceof Error ? problem.message : String(problem);
    this.logger.warn({ source: source.id, reason, entityId, detail }, 'SAML metadata problem');
    await this.options.audit.record({
      event: 'upstream.failed',
      method: 'siths-federation',
      reason,
      details: { source: source.id, detail, ...(entityId && { entityId }) },
    });
  }
}
