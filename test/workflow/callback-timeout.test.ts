import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, fileRequest, linkIn, post, startTestTwin, uniqueAddress, useSimulatedClock, type TestTwin } from '../support/twin.js';
import { TestHttpSystem } from '../support/http-system.js';

// Two simulated minutes a real second: a one-minute callback timeout passes in half a second.
useSimulatedClock(120);

const system = new TestHttpSystem('secret-of-a-silent-system', (call) => (call.operation === 'lookup' ? { status: 200, body: { found: true } } : { status: 202 }));
let twin: TestTwin;
beforeAll(async () => {
  await system.listen();
  twin = await startTestTwin(
    { languages: ['en'] },
    { connectors: [{ name: 'silent', title: 'Silent service', type: 'http', url: system.url, secretName: 'dsr/silent', callbackTimeoutSeconds: 60 }], secrets: { 'dsr/silent': system.secret } },
  );
});
afterAll(() => system.close());

describe('an asynchronous system that never calls back', () => {
  it('times out, goes to the DPO as failed, and its late callback is refused', async () => {
    const email = uniqueAddress();
    const { requestId } = await fileRequest(twin, { email, type: 'access', locale: 'en' });
    expect((await post(linkIn(await twin.mail.waitFor(email), 'verify'), {})).status).toBe(200);
    const dpoMails = async () => (await twin.mail.to('dpo@school.example')).filter((m) => m.text.includes(requestId));
    const decision = await eventually(async () => (await dpoMails()).find((m) => /to decide/.test(m.subject)));
    expect((await post(linkIn(decision, 'decisions'), { decision: 'approve' })).status).toBe(200);

    const attention = await eventually(async () => (await dpoMails()).find((m) => /Needs attention/.test(m.subject)), 15_000, 'the needs-attention email');
    expect(attention.text).toMatch(/Silent service: failed \(.*States\.Timeout\)/);
    const late = await system.callBack(system.calls.find((c) => c.operation === 'export')!.callbackUrl!, { status: 'done', files: [] });
    expect(late.status).toBe(410);
  }, 60_000);
});
