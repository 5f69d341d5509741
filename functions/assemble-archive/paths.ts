/** Where things sit in the unzipped archive, and the relative links to them that work offline. */

/** The archive's first page. */
export const INDEX_PAGE = 'index.html';

/** A system's page, beside index.html; its files are in the folder of the same name (`lms-account.html`, `lms-account/records.json`). */
export const systemPagePath = (system: string): string => `${system}.html`;

/** A staged file's path in the archive. */
export const filePath = (system: string, name: string): string => `${system}/${name}`;

/** A relative link to a path of the archive, each segment encoded (`#`, `%` and spaces are valid in file names). */
export const href = (path: string): string => path.split('/').map(encodeURIComponent).join('/');
