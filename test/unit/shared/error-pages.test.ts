import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import middy from '@middy/core';
import { HttpError } from '../../../functions/shared/errors.js';
import { logger } from '../../../functions/shared/logger.js';
import type { Locale } from '../../../functions/shared/rights.js';
import { errorPages } from '../../../functions/shared/web/error-pages.js';
import { readFields, type ApiEvent, type ApiResult } from '../../../functions/shared/web/http.js';

/** Runs a handler that throws `error` behind the middleware, for `event`. */
async function answer(error: unknown, event: Partial<ApiEvent> = {}, offered: readonly Locale[] = ['fr', 'en']): Promise<ApiResult> {
  const handler = middy<ApiEvent, ApiResult>()
    .use(errorPages(() => offered))
    .handler(async () => {
      throw error;
    });
  return handler({ httpMethod: 'POST', headers: {}, body: null, ...event } as ApiEvent, {} as any);
}

const form = (fields: string, headers: Record<string, string> = {}) => ({ headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: fields });
const unavailable = () => new HttpError(503, 'We could not accept the request just now.', { say: 'unavailable' });

describe('errorPages', () => {
  beforeEach(() => vi.spyOn(logger, 'error').mockImplementation(() => undefined));
  afterEach(() => vi.restoreAllMocks());

  it('honours a deliberate 503 and its own message, in the language the form was in', async () => {
    // Prepare: a French form, from a browser that prefers English.
    const event = form('email=ada%40example.org&type=access&locale=fr', { 'accept-language': 'en' });
    // Act
    const res = await answer(unavailable(), event);
    // Assess
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['Content-Type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<html lang="fr">');
    expect(res.body).toContain('Veuillez réessayer');
    expect(res.body).toContain('pas pu accepter la demande pour le moment.');
  });

  it('answers a JSON caller in JSON, in the language its body asked for', async () => {
    const res = await answer(unavailable(), { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ada@example.org', locale: 'en' }) });
    expect(res.statusCode).toBe(503);
    expect(JSON.parse(res.body)).toEqual({ error: 'We could not accept the request just now. Nothing was stored; please try again in a few minutes.' });
  });

  it('speaks the page\'s ?lang=, else the browser\'s language, among those offered', async () => {
    const refused = new HttpError(405, 'Method not allowed.', { say: 'method' });
    expect((await answer(refused, { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } })).body).toContain('Cette adresse n’accepte pas');
    expect((await answer(refused, { headers: { 'accept-language': 'fr' }, queryStringParameters: { lang: 'en' } })).body).toContain('This address does not accept');
    expect((await answer(refused, { headers: { 'accept-language': 'fr' } }, ['en'])).body).toContain('<html lang="en">');
  });

  it('speaks the language of the link\'s request when the error knows it', async () => {
    const res = await answer(new HttpError(405, 'Method not allowed.', { say: 'method', locale: 'fr' }), { headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(405);
    expect(res.body).toContain('<html lang="fr">');
  });

  it('turns anything else into a generic 500 in the reader\'s language, the detail in the log and never on the page', async () => {
    const error = new Error('table t-requests-secret not found');
    const res = await answer(error, { headers: { 'accept-language': 'fr' } });
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('Une erreur est survenue');
    expect(res.body).not.toContain('t-requests-secret');
    expect(res.body).not.toMatch(/at \w+ \(|\.ts:\d+/);
    expect(logger.error).toHaveBeenCalledWith('request failed', expect.objectContaining({ error: expect.objectContaining({ message: error.message }) }));
  });

  it('names the field sent twice, to a browser and to a JSON caller', async () => {
    const repeated = (event: Partial<ApiEvent>) => {
      try {
        readFields(event as ApiEvent);
      } catch (error) {
        return error;
      }
      throw new Error('expected a refusal');
    };
    const page = await answer(repeated(form('type=access&type=erasure&locale=en')), form('type=access&type=erasure&locale=en'));
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('The field “Request” was sent more than once');
    const json = { headers: { 'content-type': 'application/json' }, body: '{"locale":"en","type":"access","type":"erasure"}' };
    const res = await answer(repeated(json), json);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: expect.stringContaining('more than once'), field: 'type' });
  });
});
