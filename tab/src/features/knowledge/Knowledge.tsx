import { Badge, Card, CardHeader, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useSession } from '../../app/session.js';
import { Markdown, PageHeader, RouterFluentLink, SectionTitle } from '../../app/ui.js';
import { useCatalogue } from '../../data/catalogue.js';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
    gap: tokens.spacingHorizontalM,
    padding: 0,
    listStyleType: 'none',
  },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: 0,
    listStyleType: 'none',
  },
  steps: { paddingLeft: tokens.spacingHorizontalXL, lineHeight: tokens.lineHeightBase400 },
  dl: {
    '& dt': { fontWeight: tokens.fontWeightSemibold, marginTop: tokens.spacingVerticalM },
    '& dd': { marginLeft: 0 },
  },
});

export function ToolsPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { language } = useSession();
  const { tools } = useCatalogue();
  return (
    <>
      <PageHeader title={t('tools.title')} intro={t('tools.intro')} />
      <ul className={styles.grid}>
        {tools.map((tool) => (
          <li key={tool.id}>
            <Card>
              <CardHeader
                header={<RouterFluentLink to={`/tools/${tool.id}`}>{tool.name[language]}</RouterFluentLink>}
              />
              <Text>{tool.summary[language]}</Text>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ToolPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { id } = useParams();
  const { language } = useSession();
  const tool = useCatalogue().tools.find((x) => x.id === id);
  if (!tool) return <PageHeader title={t('errors.notFound')} />;
  return (
    <>
      <PageHeader title={tool.name[language]} intro={tool.summary[language]} />
      <SectionTitle>{t('tools.whenToUse')}</SectionTitle>
      <Text as="p">{tool.whenToUse[language]}</Text>
      {tool.steps && (
        <>
          <SectionTitle>{t('tools.steps')}</SectionTitle>
          <ol className={styles.steps}>
            {tool.steps.map((s) => (
              <li key={s.nl}>{s[language]}</li>
            ))}
          </ol>
        </>
      )}
      <Markdown source={tool.body[language]} />
      {tool.url && (
        <Text as="p">
          <Link href={tool.url} target="_blank" rel="noreferrer">
            {t('tools.more')}
          </Link>
        </Text>
      )}
    </>
  );
}

export function DosAndDontsPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { language } = useSession();
  const { dosAndDonts } = useCatalogue();
  return (
    <>
      <PageHeader title={t('dosAndDonts.title')} intro={t('dosAndDonts.intro')} />
      {(['do', 'dont'] as const).map((kind) => (
        <section key={kind} aria-labelledby={`dd-${kind}`}>
          <SectionTitle id={`dd-${kind}`}>{t(`dosAndDonts.${kind}`)}</SectionTitle>
          <ul className={styles.list}>
            {dosAndDonts
              .filter((d) => d.kind === kind)
              .map((d) => (
                <li key={d.id} id={d.id}>
                  <Card>
                    <Text weight="semibold">
                      <Badge appearance="tint" color={kind === 'do' ? 'success' : 'danger'}>
                        {t(`dosAndDonts.${kind}`)}
                      </Badge>{' '}
                      {d.text[language]}
                    </Text>
                    <Text>
                      {t('dosAndDonts.why')}: {d.why[language]}
                    </Text>
                  </Card>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function GlossaryPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { language } = useSession();
  const glossary = [...useCatalogue().glossary].sort((a, b) =>
    a.term[language].localeCompare(b.term[language], language),
  );
  return (
    <>
      <PageHeader title={t('glossary.title')} intro={t('glossary.intro')} />
      <dl className={styles.dl}>
        {glossary.map((g) => (
          <div key={g.id} id={g.id}>
            <dt>{g.term[language]}</dt>
            <dd>{g.definition[language]}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

export function SocialEnterprisesPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { language } = useSession();
  const { socialEnterpriseSources } = useCatalogue();
  return (
    <>
      <PageHeader title={t('socialEnterprises.title')} intro={t('socialEnterprises.intro')} />
      <ul className={styles.list}>
        {socialEnterpriseSources.map((s) => (
          <li key={s.id}>
            <Card>
              <CardHeader
                header={
                  <Link href={s.url} target="_blank" rel="noreferrer">
                    {s.name}
                  </Link>
                }
              />
              <Text>{s.description[language]}</Text>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
