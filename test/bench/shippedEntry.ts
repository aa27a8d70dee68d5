// What the inventory and tree benches run, bundled as the extension ships it (shipped.ts builds it).
export { EbsClient, MAX_PAGE_SIZE } from '../../src/ebs/client';
export { DEFAULT_INVENTORY_CONCURRENCY, loadInventory } from '../../src/ebs/inventory';
export { ReplicationExplorer } from '../../src/replication/explorer';
export { ENGLISH } from '../../src/replication/text';
