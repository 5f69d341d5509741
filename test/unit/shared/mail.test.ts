import type { SendEmailCommandInput, SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { sendLetter, type Letter } from '../../../functions/shared/mail.js';

/** An SES client that keeps what it was asked to send and answers a message id. */
function fakeSes() {
  const sent: SendEmailCommandInput[] = [];
  const client = { send: async (command: { input: SendEmailCommandInput }) => (sent.push(command.input), { MessageId: `m-${sent.length}` }) } as unknown as SESv2Client;
  return { client, sent };
}

const letter: Letter = { locale: 'en', subject: 'Your request', paragraphs: ['We received it.'] };
const mail = { sender: 'privacy@school.example', senderName: 'Université X — Protection des données', replyTo: 'dpo@school.example', configurationSet: 'dsr-mail' };

describe('sendLetter', () => {
  it('sends from the named sender, replies to the DPO, through the configuration set, tagged with the request', async () => {
    // Prepare
    const ses = fakeSes();

    // Act
    const messageId = await sendLetter(ses.client, mail, 'ada@example.org', letter, { requestId: '0b6c3f0e-3a55-4e38-9d0a-0e7f4f1c2a11', reader: 'learner' });

    // Assess
    expect(messageId).toBe('m-1');
    expect(ses.sent[0]).toMatchObject({
      FromEmailAddress: expect.stringMatching(/^=\?UTF-8\?B\?\S+\?=( =\?UTF-8\?B\?\S+\?=)* <privacy@school\.example>$/),
      ReplyToAddresses: ['dpo@school.example'],
      ConfigurationSetName: 'dsr-mail',
      EmailTags: [
        { Name: 'dsr-request', Value: '0b6c3f0e-3a55-4e38-9d0a-0e7f4f1c2a11' },
        { Name: 'dsr-reader', Value: 'learner' },
      ],
      Destination: { ToAddresses: ['ada@example.org'] },
    });
  });

  it('sends an email about no request (the digest) untagged, and one with an id SES would refuse as a tag untagged rather than not at all', async () => {
    const ses = fakeSes();

    await sendLetter(ses.client, { sender: 'privacy@school.example' }, 'dpo@school.example', letter);
    await sendLetter(ses.client, mail, 'ada@example.org', letter, { requestId: 'not a tag value!', reader: 'learner' });

    expect(ses.sent[0]).toEqual(expect.objectContaining({ FromEmailAddress: 'privacy@school.example' }));
    expect(ses.sent[0]).not.toHaveProperty('ReplyToAddresses');
    expect(ses.sent[0]).not.toHaveProperty('ConfigurationSetName');
    expect(ses.sent[0]).not.toHaveProperty('EmailTags');
    expect(ses.sent[1]).not.toHaveProperty('EmailTags');
  });
});
