import { Button, Card, Checkbox, Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type {
  AmbitionLevel,
  Criterion,
  CriterionType,
  ThemeId,
} from '../../../../core/src/content/schema.js';
import { CriterionBadges } from '../../app/domain-ui.js';
import { useSession } from '../../app/session.js';
import { ErrorMessage, PageHeader, RouterFluentLink, SectionTitle } from '../../app/ui.js';
import { useCatalogue } from '../../data/catalogue.js';

const TYPES: CriterionType[] = ['selection', 'requirement', 'award', 'contract-clause'];
const AMBITIONS: AmbitionLevel[] = ['basic', 'significant', 'ambitious'];

const useStyles = makeStyles({
  clusters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))',
    gap: tokens.spacingHorizontalXL,
  },
  list: { paddingLeft: tokens.spacingHorizontalXL, lineHeight: tokens.lineHeightBase400 },
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    alignItems: 'end',
    marginBottom: tokens.spacingVerticalM,
  },
  bar: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    padding: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    marginBottom: tokens.spacingVerticalM,
  },
  criteria: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: 0,
    listStyleType: 'none',
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  cpv: { fontFamily: tokens.fontFamilyMonospace },
});

export function GroupsPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { language } = useSession();
  const { clusters, productGroups } = useCatalogue();
  return (
    <>
      <PageHeader title={t('groups.title')} intro={t('groups.intro')} />
      <div className={styles.clusters}>
        {clusters.map((cluster) => (
          <section key={cluster.id} aria-labelledby={`cluster-${cluster.id}`}>
            <SectionTitle id={`cluster-${cluster.id}`}>{cluster.name[language]}</SectionTitle>
            <ul className={styles.list}>
              {productGroups
                .filter((g) => g.cluster === cluster.id)
                .map((g) => (
                  <li key={g.id}>
                    <RouterFluentLink to={`/product-groups/${g.id}`}>{g.name[language]}</RouterFluentLink> (
                    {t('groups.criteriaCount', { count: g.criteria.length })})
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}

function isOneOf<T extends string>(values: readonly T[], value: string | null): value is T {
  return value !== null && (values as readonly string[]).includes(value);
}

export function GroupPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { id } = useParams();
  const { api, language } = useSession();
  const { productGroups, themes } = useCatalogue();
  const group = productGroups.find((g) => g.id === id);
  const [params, setParams] = useSearchParams();
  // `?select=` (from the bot's neighbours block): the region's most used criteria of this group, selected.
  const [selected, setSelected] = useState<Set<string>>(
    () =>
      new Set(
        (params.get('select') ?? '').split(',').filter((cid) => group?.criteria.some((c) => c.id === cid)),
      ),
  );
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  const type = params.get('type');
  const ambition = params.get('ambition');
  const theme = params.get('theme');
  const shown: Criterion[] = useMemo(
    () =>
      (group?.criteria ?? []).filter(
        (c) =>
          (!isOneOf(TYPES, type) || c.type === type) &&
          (!isOneOf(AMBITIONS, ambition) || AMBITIONS.indexOf(c.ambition) <= AMBITIONS.indexOf(ambition)) &&
          (!theme || c.themes.includes(theme as ThemeId)),
      ),
    [group, type, ambition, theme],
  );

  // Search results link to one criterion: bring it into view.
  useEffect(() => {
    const anchor = decodeURIComponent(window.location.hash.slice(1));
    if (anchor) document.getElementById(anchor)?.scrollIntoView({ block: 'center' });
  }, [group]);

  if (!group) return <PageHeader title={t('errors.notFound')} />;

  const setFilter = (key: string, value: string): void => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const toggle = (criterionId: string, on: boolean): void => {
    const next = new Set(selected);
    if (on) next.add(criterionId);
    else next.delete(criterionId);
    setSelected(next);
  };
  const copy = async (c: Criterion): Promise<void> => {
    await navigator.clipboard.writeText(c.text[language]);
    setStatus(t('groups.copied', { title: c.title[language] }));
  };
  const download = async (format: 'docx' | 'csv'): Promise<void> => {
    setError('');
    try {
      const file = await api.download('POST', '/exports/criteria', {
        subject: group.name[language],
        criterionIds: [...selected],
        format,
      });
      setStatus(t('groups.downloaded', { file }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <>
      <PageHeader title={group.name[language]} intro={group.description[language]}>
        <Text>
          {t('groups.cpv')}:{' '}
          <span className={styles.cpv}>
            {group.cpv.map((c) => `${c.code} ${c.label[language]}`).join('; ')}
          </span>
        </Text>
      </PageHeader>
      <SectionTitle id="criteria-title">{t('groups.criteria')}</SectionTitle>
      <div className={styles.filters}>
        <Field label={t('groups.filterType')}>
          <Select value={isOneOf(TYPES, type) ? type : ''} onChange={(_, d) => setFilter('type', d.value)}>
            <option value="">{t('groups.all')}</option>
            {TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`types.${x}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('groups.filterAmbition')}>
          <Select
            value={isOneOf(AMBITIONS, ambition) ? ambition : ''}
            onChange={(_, d) => setFilter('ambition', d.value)}
          >
            <option value="">{t('groups.all')}</option>
            {AMBITIONS.map((x) => (
              <option key={x} value={x}>
                {t(`ambitions.${x}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('groups.filterTheme')}>
          <Select value={theme ?? ''} onChange={(_, d) => setFilter('theme', d.value)}>
            <option value="">{t('groups.all')}</option>
            {themes.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name[language]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className={styles.bar} role="group" aria-label={t('groups.selected', { count: selected.size })}>
        <Text weight="semibold">{t('groups.selected', { count: selected.size })}</Text>
        <Button onClick={() => setSelected(new Set([...selected, ...shown.map((c) => c.id)]))}>
          {t('groups.selectAll')}
        </Button>
        <Button disabled={selected.size === 0} onClick={() => setSelected(new Set())}>
          {t('groups.clearSelection')}
        </Button>
        <Button appearance="primary" disabled={selected.size === 0} onClick={() => void download('docx')}>
          {t('groups.downloadDocx')}
        </Button>
        <Button disabled={selected.size === 0} onClick={() => void download('csv')}>
          {t('groups.downloadCsv')}
        </Button>
      </div>
      <div aria-live="polite" role="status">
        {status && <Text>{status}</Text>}
      </div>
      {error && <ErrorMessage message={error} />}
      {shown.length === 0 && <Text>{t('groups.none')}</Text>}
      <ul className={styles.criteria} aria-labelledby="criteria-title">
        {shown.map((c) => (
          <li key={c.id} id={c.id}>
            <Card>
              <Text as="h3" weight="semibold" size={400}>
                {c.title[language]}
              </Text>
              <CriterionBadges
                type={c.type}
                ambition={c.ambition}
                themeNames={c.themes.map((th) => themes.find((x) => x.id === th)?.name[language] ?? th)}
              />
              <Text as="p">{c.text[language]}</Text>
              <Text as="p" size={200}>
                <strong>{t('groups.verification')}:</strong> {c.verification[language]}
              </Text>
              <div className={styles.actions}>
                <Checkbox
                  checked={selected.has(c.id)}
                  onChange={(_, d) => toggle(c.id, d.checked === true)}
                  label={t('groups.select', { title: c.title[language] })}
                />
                <Button onClick={() => void copy(c)}>{t('groups.copy')}</Button>
              </div>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
