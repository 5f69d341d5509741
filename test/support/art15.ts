import type { Art15Declaration } from '../../functions/connectors/art15.js';

/** The smallest complete Art. 15 declaration, in both languages: for test systems whose declaration is not what the test is about. */
export const ART15: Art15Declaration = {
  purposes: [{ purpose: { en: 'Providing the courses', fr: 'Fournir les cours' }, legalBasis: 'contract' }],
  categories: [{ en: 'Course records', fr: 'Dossiers de cours' }],
  recipients: [],
  retention: { en: '3 years after the last course', fr: '3 ans après le dernier cours' },
};
