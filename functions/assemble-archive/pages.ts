import type { Art15Declaration } from '../connectors/art15.js';
import type { ArchivePage } from './archive.js';
import { renderIndex, type IndexFacts } from './index-page.js';
import { INDEX_PAGE, systemPagePath } from './paths.js';
import { holding } from './section-status.js';
import { systemPage, type PageContext } from './system-page.js';

/**
 * The archive's pages: index.html, and a page for each system that holds data about the
 * learner, with what it declared it does with it (`declarations`, by system name).
 */
export function archivePages(facts: IndexFacts & PageContext & { declarations: Record<string, Art15Declaration> }): ArchivePage[] {
  return [
    {
      path: INDEX_PAGE,
      render: async function* () {
        yield renderIndex(facts);
      },
    },
    ...facts.sections.filter((s) => holding(s) === 'data').map((section) => ({ path: systemPagePath(section.system), render: () => systemPage(section, facts.declarations[section.system], facts) })),
  ];
}
