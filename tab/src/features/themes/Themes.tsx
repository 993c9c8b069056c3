import { Card, CardHeader, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useSession } from '../../app/session.js';
import { PageHeader, RouterFluentLink, SectionTitle } from '../../app/ui.js';
import { useCatalogue } from '../../data/catalogue.js';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
    gap: tokens.spacingHorizontalM,
    padding: 0,
    listStyleType: 'none',
  },
  list: { paddingLeft: tokens.spacingHorizontalXL, lineHeight: tokens.lineHeightBase400 },
});

export function ThemesPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { language } = useSession();
  const { themes } = useCatalogue();
  return (
    <>
      <PageHeader title={t('themes.title')} intro={t('themes.intro')} />
      <ul className={styles.grid}>
        {themes.map((theme) => (
          <li key={theme.id}>
            <Card>
              <CardHeader
                header={
                  <RouterFluentLink to={`/themes/${theme.id}`}>{theme.name[language]}</RouterFluentLink>
                }
              />
              <Text>{theme.summary[language]}</Text>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ThemePage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { id } = useParams();
  const { language } = useSession();
  const { themes, productGroups } = useCatalogue();
  const theme = themes.find((x) => x.id === id);
  if (!theme) return <PageHeader title={t('errors.notFound')} />;
  const groups = productGroups
    .map((g) => ({ group: g, count: g.criteria.filter((c) => c.themes.includes(theme.id)).length }))
    .filter((x) => x.count > 0)
    .sort((a, b) => b.count - a.count);
  return (
    <>
      <PageHeader title={theme.name[language]} intro={theme.summary[language]} />
      <Text as="p" block>
        {theme.description[language]}
      </Text>
      <SectionTitle>{t('themes.examples')}</SectionTitle>
      <ul className={styles.list}>
        {theme.examples.map((e) => (
          <li key={e.nl}>{e[language]}</li>
        ))}
      </ul>
      <SectionTitle>{t('themes.groups')}</SectionTitle>
      <ul className={styles.list}>
        {groups.map(({ group, count }) => (
          <li key={group.id}>
            <RouterFluentLink to={`/product-groups/${group.id}?theme=${theme.id}`}>
              {group.name[language]}
            </RouterFluentLink>{' '}
            ({t('groups.criteriaCount', { count })})
          </li>
        ))}
      </ul>
    </>
  );
}
