import { Injectable } from '@nestjs/common';

export interface DependencyStatus {
  status: 'up' | 'down' | 'disabled' | 'degraded';
  /** optional dependencies never change /health's status code */
  required: boolean;
  detail?: string;
  [extra: string]: unknown;
}

export interface HealthContributor {
  readonly name: string;
  check(): Promise<DependencyStatus>;
}

/** Modules register their optional dependencies (Prometheus, embedder, vector store) here. */
@Injectable()
export class HealthContributors {
  private readonly contributors: HealthContributor[] = [];

  register(contributor: HealthContributor): void {
    this.contributors.push(contributor);
  }

  all(): readonly HealthContributor[] {
    return this.contributors;
  }
}
