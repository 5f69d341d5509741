import * as z from 'zod/mini';

/** An attribute's name as a declaration gives it (DynamoDB allows more; these stay readable in messages and archives). */
export const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,255}$/;

export const attributeName = (message = 'must be an attribute name (letters, digits, _ . -)') => z.string(message).check(z.regex(ATTRIBUTE_NAME, message));
