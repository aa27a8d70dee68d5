// In-memory stand-ins for VS Code's SecretStorage and global state (the true boundary of the credentials store).
import type { MetadataStore, SecretStore } from '../../../src/credentials/store';

export class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  /** While true, every read and write fails as a locked keyring would. */
  failing = false;
  async get(key: string): Promise<string | undefined> {
    if (this.failing) throw new Error('keyring locked');
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    if (this.failing) throw new Error('keyring locked');
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}

export class MemoryMemento implements MetadataStore {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}
