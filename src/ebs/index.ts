// Public surface of the EBS API core (pure Node; never imports vscode).

export * from './types';
export { EbsError, LocalErrorCode, isCancellation, isEbsError, isRetryableCode, toEbsError } from './errors';
export type { EbsErrorInit, WireObservation } from './errors';
export {
  ERROR_CATALOGUE,
  GENERIC_ENTRY,
  catalogueEntryFor,
  catalogueMessageKeys,
  explainError,
  formatMessage,
} from './catalogue';
export type { CatalogueEntry, ErrorCategory, ErrorExplanation, LocalisableMessage, MessageParam, MessageTemplate } from './catalogue';
export { DEFAULT_ENDPOINT_TEMPLATE, isLoopbackHost, isValidRegionId, resolveEndpoint } from './endpoint';
export type { ResolvedEndpoint } from './endpoint';
export { DEFAULT_RETRY_POLICY, backoffDelayMs, resolveRetryPolicy } from './retry';
export type { RandomFn, RetryPolicy } from './retry';
export { realSleep } from './deadline';
export type { SleepFn } from './deadline';
export { MAX_CLIENT_TOKEN_LENGTH, assertClientToken, isValidClientToken, newClientToken } from './clientToken';
export {
  DEFAULT_ATTEMPT_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  EBS_API_VERSION,
  EbsClient,
  MAX_PAGE_SIZE,
} from './client';
export type {
  CallOptions,
  ClearPairDrillRequest,
  ClearReplicaGroupDrillRequest,
  DescribeDrillsOptions,
  DescribeRegionsOptions,
  EbsClientOptions,
  ListReplicaGroupsOptions,
  ListReplicaPairsOptions,
  StartPairDrillRequest,
  StartReplicaGroupDrillRequest,
} from './client';
export { DEFAULT_INVENTORY_CONCURRENCY, loadInventory } from './inventory';
export type { InventoryClient, LoadInventoryOptions, RegionInventory } from './inventory';
export { mapSettledWithConcurrency } from './concurrency';
export type { Settled } from './concurrency';
