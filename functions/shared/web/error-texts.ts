import type { Locale } from '../rights.js';

/** What an HttpError may say to the public pages' reader (HttpError's `say`). */
export type ErrorKey = 'method' | 'mediaType' | 'notJson' | 'notObject' | 'tooLarge' | 'unavailable' | 'repeated';

/**
 * The words of the error pages (and their JSON answers), apart from `messages` so that only
 * the public pages' bundles carry them (the admin API answers in English).
 */
export interface ErrorTexts {
  titles: { notAccepted: string; tryAgain: string; failed: string };
  failed: string;
  said: Record<Exclude<ErrorKey, 'repeated'>, string>;
  /** A field sent more than once: which value was meant is unknown. */
  repeated: (field: string) => string;
  /** The request form again after a body over the limit: `limit` in the reader's units. */
  tooLargeForm: (limit: string) => string;
}

export const ERROR_TEXTS: Record<Locale, ErrorTexts> = {
  en: {
    titles: { notAccepted: 'Request not accepted', tryAgain: 'Please try again', failed: 'Something went wrong' },
    failed: 'Something went wrong on our side. Nothing was changed; please try again later.',
    said: {
      method: 'This address does not accept that kind of request.',
      mediaType: 'Send a form or JSON (application/x-www-form-urlencoded or application/json).',
      notJson: 'The body is not valid JSON.',
      notObject: 'The body must be a JSON object.',
      tooLarge: 'What was sent is too large, so nothing was done.',
      unavailable: 'We could not accept the request just now. Nothing was stored; please try again in a few minutes.',
    },
    repeated: (field) => `The field “${field}” was sent more than once, so we cannot tell which value you meant. Nothing was done.`,
    tooLargeForm: (limit) => `What you sent was too large for us to receive (at most ${limit}), so nothing was sent. Shorten the text marked below and send it again.`,
  },
  fr: {
    titles: { notAccepted: 'Demande non acceptée', tryAgain: 'Veuillez réessayer', failed: 'Une erreur est survenue' },
    failed: 'Une erreur est survenue de notre côté. Rien n’a été modifié ; veuillez réessayer plus tard.',
    said: {
      method: 'Cette adresse n’accepte pas ce type de requête.',
      mediaType: 'Envoyez un formulaire ou du JSON (application/x-www-form-urlencoded ou application/json).',
      notJson: 'Le contenu n’est pas du JSON valide.',
      notObject: 'Le contenu doit être un objet JSON.',
      tooLarge: 'L’envoi est trop volumineux : rien n’a été fait.',
      unavailable: 'Nous n’avons pas pu accepter la demande pour le moment. Rien n’a été enregistré ; veuillez réessayer dans quelques minutes.',
    },
    repeated: (field) => `Le champ « ${field} » a été envoyé plusieurs fois : nous ne savons pas quelle valeur vous vouliez. Rien n’a été fait.`,
    tooLargeForm: (limit) => `Votre envoi était trop volumineux pour être reçu (au plus ${limit}) : rien n’a été envoyé. Raccourcissez le texte signalé ci-dessous et envoyez-le de nouveau.`,
  },
};
