import { beforeAll, describe, expect, it } from 'vitest';
import { recordChanges } from '../../functions/record-changes/handler.js';
import { recordExports } from '../../functions/record-exports/handler.js';
import { jsonBytes } from '../../functions/shared/bounds.js';
import { leftOutReason } from '../../functions/shared/store/requests.js';
import { REASON_MAX_LENGTH } from '../../functions/shared/validation.js';
import { fileRequest, startTestTwin, uniqueAddress, type TestTwin } from '../support/twin.js';

/**
 * The DPO's reason for going on without the systems of a round is written once on the
 * request, not on each system: at fifty systems, the longest reason copied fifty times
 * (2,000 characters of four bytes each) would pass DynamoDB's 400 KB item limit, and the
 * step could never record the DPO's choice.
 */
let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin({ languages: ['en'] });
});

const fiftySystems = Array.from({ length: 50 }, (_v, i) => ({ name: `system-${i}`, functionName: `fn-${i}`, async: false, callbackTimeoutSeconds: 60 }));
const longestReason = '🦉'.repeat(REASON_MAX_LENGTH / 2); // 2,000 UTF-16 units, 4,000 bytes
const step = (name: string) => ({ stepName: name, stepEnteredAt: new Date().toISOString() });

describe('a round the DPO goes on without fifty systems', () => {
  it('records each system as left out and the reason once, whatever its length', async () => {
    // Prepare
    const { requestId } = await fileRequest(twin, { email: uniqueAddress(), type: 'erasure', locale: 'en' });

    // Act
    await recordExports({ requestId, pending: fiftySystems, skipReason: longestReason, ...step('RecordSystemsLeftOut') }, twin.deps);
    await recordChanges({ requestId, operation: 'erase', pending: fiftySystems, skipReason: longestReason, ...step('RecordSystemsLeftOutOfTheRound') }, twin.deps);
    await recordChanges({ requestId, operation: 'verify', pending: fiftySystems, dataLeftReason: longestReason, ...step('RecordErasureClosedWithDataLeft') }, twin.deps);

    // Assess
    const request = (await twin.deps.requests.get(requestId))!;
    expect(Object.values(request.systems!).map((s) => [s.export, s.erase])).toEqual(fiftySystems.map(() => ['skipped', 'skipped']));
    expect(request.leftOut!.map((r) => [r.operation, r.systems.length, r.reason])).toEqual([
      ['export', 50, longestReason],
      ['erase', 50, longestReason],
    ]);
    expect(request.dataLeftReason).toBe(longestReason);
    expect(jsonBytes(request)).toBeLessThan(32 * 1024);
    // Free text the DPO wrote may name the learner: it goes when the request is minimised.
    expect(await twin.deps.requests.minimise(requestId, new Date())).toBe(true);
    const minimised = (await twin.deps.requests.get(requestId))!;
    expect(minimised.leftOut).toBeUndefined();
    expect(minimised.dataLeftReason).toBeUndefined();
  }, 60_000);
});

describe('an erasure\'s waves, each left out with its own reason', () => {
  it('keeps each system\'s reason, and a retried step writes its round once', async () => {
    // Prepare
    const { requestId } = await fileRequest(twin, { email: uniqueAddress(), type: 'erasure', locale: 'en' });
    const firstWave = { ...step('RecordSystemsLeftOutOfTheRound'), requestId, operation: 'erase' as const, pending: fiftySystems.slice(0, 1), skipReason: 'The forum is being replaced.' };

    // Act
    await recordChanges(firstWave, twin.deps);
    await recordChanges(firstWave, twin.deps); // its retry
    await recordChanges({ ...step('RecordSystemsLeftOutOfTheRound'), stepEnteredAt: new Date(Date.now() + 1000).toISOString(), requestId, operation: 'erase', pending: fiftySystems.slice(1, 2), skipReason: 'The directory is read-only this week.' }, twin.deps);

    // Assess
    const request = (await twin.deps.requests.get(requestId))!;
    expect(request.leftOut).toHaveLength(2);
    expect(leftOutReason(request, 'system-0', 'erase')).toBe('The forum is being replaced.');
    expect(leftOutReason(request, 'system-1', 'erase')).toBe('The directory is read-only this week.');
    expect(leftOutReason(request, 'system-2', 'erase')).toBeUndefined();
  }, 60_000);
});
