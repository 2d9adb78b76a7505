// One value per Grafana org, rebuilt only when the app settings' lastUpdatedMS changes (as the Go SDK's
// instance manager does). lastUpdatedMS is compared as a string: it is int64 and may be a huge negative.
export interface OrgEntry<T> {
  lastUpdatedMS: string;
  value: T;
}

export class OrgSettingsCache<T> {
  private readonly entries = new Map<string, OrgEntry<T>>();

  constructor(private readonly dispose: (value: T) => void = () => {}) {}

  get(orgId: string, lastUpdatedMS: string, build: () => T): T {
    const current = this.entries.get(orgId);
    if (current && current.lastUpdatedMS === lastUpdatedMS) {
      return current.value;
    }
    const value = build();
    if (current) {
      this.dispose(current.value);
    }
    this.entries.set(orgId, { lastUpdatedMS, value });
    return value;
  }

  values(): T[] {
    return [...this.entries.values()].map((e) => e.value);
  }

  clear(): void {
    for (const e of this.entries.values()) {
      this.dispose(e.value);
    }
    this.entries.clear();
  }
}
