import type { MiddlewareObj } from '@middy/core';
import { HttpError } from '../errors.js';
import { logger } from '../logger.js';
import { header, jsonResponse, messagePage, type ApiEvent, type ApiResult } from './http.js';

/**
 * middy middleware: an HttpError below 500 is answered with its message; anything else
 * becomes a generic 500 whose detail goes to the log, never to the page. JSON callers get
 * JSON, browsers get a page.
 */
export function errorPages(): MiddlewareObj<ApiEvent, ApiResult> {
  return {
    onError: async (request) => {
      const error = request.error;
      const exposed = error instanceof HttpError && error.statusCode < 500;
      if (!exposed) logger.error('request failed', { error: { name: error?.name, message: error?.message, stack: error?.stack } });
      const statusCode = exposed ? error.statusCode : 500;
      const message = exposed ? error.message : 'Something went wrong on our side. Nothing was changed; please try again later.';
      const wantsJson = /json/i.test(header(request.event, 'content-type') ?? '') || /json/i.test(header(request.event, 'accept') ?? '');
      request.response = wantsJson ? jsonResponse(statusCode, { error: message }) : messagePage(statusCode, 'en', exposed ? 'Request not accepted' : 'Something went wrong', message);
    },
  };
}
