import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session.js';
import { PageHeader, RouterFluentLink } from '../../app/ui.js';
import { useCatalogue } from '../../data/catalogue.js';
import { searchDocuments } from '../../search/documents.js';
import { ToolboxSearch } from '../../search/search-index.js';

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: 0,
    listStyleType: 'none',
  },
  hit: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline' },
});

export default function SearchPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { language, items } = useSession();
  const catalogue = useCatalogue();
  const [params] = useSearchParams();
  const query = params.get('q') ?? '';
  const index = useMemo(
    () => new ToolboxSearch(searchDocuments(catalogue, items, language)),
    [catalogue, items, language],
  );
  const hits = useMemo(() => index.search(query), [index, query]);
  return (
    <>
      <PageHeader title={t('search.title')} />
      <div role="status" aria-live="polite">
        <Text>
          {query &&
            (hits.length ? t('search.results', { count: hits.length, query }) : t('search.none', { query }))}
        </Text>
      </div>
      <ul className={styles.list}>
        {hits.map((hit) => (
          <li key={hit.id} className={styles.hit}>
            <Badge appearance="tint">{t(`search.kinds.${hit.kind}`)}</Badge>
            <RouterFluentLink to={hit.path}>{hit.title}</RouterFluentLink>
          </li>
        ))}
      </ul>
    </>
  );
}
