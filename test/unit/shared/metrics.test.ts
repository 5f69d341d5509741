import { afterEach, describe, expect, it, vi } from 'vitest';
import { count, METRICS_NAMESPACE } from '../../../functions/shared/metrics.js';

describe('a count', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is published at once as an embedded-metric log line, in the product\'s namespace, with nothing else in it', () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    count('ExportsFailed', 2);
    count('RequestsAnswered', 0); // nothing to count: no line
    const lines = written.join('').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ ExportsFailed: 2, service: 'dsr-workflow', _aws: { CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Metrics: [{ Name: 'ExportsFailed', Unit: 'Count' }] }] } });
    expect(Object.keys(lines[0]).sort()).toEqual(['ExportsFailed', '_aws', 'service']);
  });
});
