// Domain types for the EBS API core: camelCase, Unix milliseconds (pairs and groups: a big inventory holds tens of
// thousands) or Dates (drills) instead of Unix seconds, statuses that carry unknown future values through. One import
// path for the statuses (statuses.ts), the records (records.ts) and the client's configuration (clientConfig.ts).

export * from './statuses';
export * from './records';
export * from './clientConfig';
