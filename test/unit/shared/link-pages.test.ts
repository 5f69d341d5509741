import { describe, expect, it } from 'vitest';
import type { Deps } from '../../../functions/shared/context.js';
import { LinkError } from '../../../functions/shared/errors.js';
import { learnersLanguage, orLinkProblem } from '../../../functions/shared/web/link-pages.js';
import type { ApiEvent } from '../../../functions/shared/web/http.js';

/** Deps that know one request, in French. */
const d = { config: { languages: ['fr', 'en'] }, requests: { get: async (id: string) => (id === 'r-1' ? { locale: 'fr' } : undefined) } } as unknown as Deps;
const event = (query: Record<string, string> | null, acceptLanguage = 'en') => ({ headers: { 'accept-language': acceptLanguage }, queryStringParameters: query }) as unknown as ApiEvent;
const failing = (error: LinkError) => async () => {
  throw error;
};

describe('a link that cannot act', () => {
  it('speaks the page’s ?lang= first, whoever the link belongs to', async () => {
    const page = await orLinkProblem(learnersLanguage(d, event({ lang: 'en' })), failing(new LinkError('used', { requestId: 'r-1' })));
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Link already used');
  });

  it('speaks ?lang= on an unknown link too (404), and the link’s learner’s language or the browser’s without it', async () => {
    const unknown = await orLinkProblem(learnersLanguage(d, event({ lang: 'fr' })), failing(new LinkError('unknown')));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Lien non reconnu');
    expect((await orLinkProblem(learnersLanguage(d, event(null)), failing(new LinkError('expired', { requestId: 'r-1' })))).body).toContain('Lien expiré');
    expect((await orLinkProblem(learnersLanguage(d, event({ lang: 'de' })), failing(new LinkError('unknown')))).body).toContain('Link not recognised');
  });
});
