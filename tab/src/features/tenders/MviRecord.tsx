/**
 * What went into a tender (MVI monitoring at project level): the commissioning manager, a
 * buyer or the MVI team ticks the criteria used, says whether social return was asked, why
 * there is no MVI when there is none, and later whether it was realised.
 */
import {
  Button,
  Checkbox,
  Field,
  Input,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Advice } from '../../../../core/src/engine/advise.js';
import type { TenderMvi } from '../../../../core/src/monitoring/record.js';
import {
  NO_MVI_REASONS,
  NO_MVI_REASON_LABELS,
  REALISATIONS,
  REALISATION_LABELS,
} from '../../../../core/src/monitoring/record.js';
import { useSession } from '../../app/session.js';
import { ErrorMessage, SectionTitle } from '../../app/ui.js';
import { useCatalogue } from '../../data/catalogue.js';
import { formatDate } from '../../i18n/index.js';
import { errorText } from '../sessions/actions.js';

const useStyles = makeStyles({
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '820px' },
  group: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  list: { display: 'grid', gap: tokens.spacingVerticalXXS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  summary: { display: 'grid', gap: tokens.spacingVerticalXS },
});

export function MviRecordSection({
  path,
  advice,
  record,
  canEdit,
  onSaved,
}: {
  path: string;
  advice: Advice;
  record: TenderMvi | undefined;
  canEdit: boolean;
  onSaved: (message: string) => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const { api, language } = useSession();
  const catalogue = useCatalogue();
  const criterionById = useMemo(
    () =>
      new Map(
        catalogue.productGroups.flatMap((g) => g.criteria.map((c) => [c.id, { ...c, group: g }] as const)),
      ),
    [catalogue],
  );
  const [applied, setApplied] = useState<Set<string>>(new Set(record?.appliedCriteria ?? []));
  const [extraGroups, setExtraGroups] = useState<string[]>([]);
  const [socialReturn, setSocialReturn] = useState(record?.socialReturn.applied ?? false);
  const [percentage, setPercentage] = useState(
    String(record?.socialReturn.percentage ?? advice.socialReturn.percentage ?? 5),
  );
  const [reason, setReason] = useState<string>(record?.noMviReason ?? '');
  const [realisation, setRealisation] = useState<string>(record?.realisation ?? 'not-yet');
  const [results, setResults] = useState(record?.results ?? '');
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);

  // The tender's product groups, groups added by hand, and the groups of criteria already ticked.
  const groupIds = [
    ...new Set([
      ...advice.productGroups.map((g) => g.id),
      ...extraGroups,
      ...[...applied].map((id) => criterionById.get(id)?.group.id).filter((id): id is string => !!id),
    ]),
  ];
  const groups = groupIds
    .map((id) => catalogue.productGroups.find((g) => g.id === id))
    .filter((g) => g !== undefined);

  if (!canEdit) {
    if (!record) return null;
    return (
      <>
        <SectionTitle id="mvi-record">{t('tenders.mvi.title')}</SectionTitle>
        <div className={styles.summary}>
          <Text>
            {t('tenders.mvi.recordedOn', { date: formatDate(record.recordedAt.slice(0, 10), language) })}
          </Text>
          <ul aria-label={t('tenders.mvi.appliedList')}>
            {record.appliedCriteria.map((id) => (
              <li key={id}>{criterionById.get(id)?.title[language] ?? id}</li>
            ))}
          </ul>
          {record.noMviReason && <Text>{NO_MVI_REASON_LABELS[record.noMviReason][language]}</Text>}
          <Text>
            {record.socialReturn.applied
              ? t('tenders.mvi.socialReturnAsked', { percentage: record.socialReturn.percentage })
              : t('tenders.mvi.noSocialReturn')}
          </Text>
          <Text>{REALISATION_LABELS[record.realisation][language]}</Text>
          {record.results && <Text>{record.results}</Text>}
        </div>
      </>
    );
  }

  const toggle = (id: string, on: boolean): void => {
    const next = new Set(applied);
    if (on) next.add(id);
    else next.delete(id);
    setApplied(next);
  };
  const save = async (): Promise<void> => {
    setError('');
    setSaving(true);
    try {
      await api.send('PUT', `${path}/mvi`, {
        appliedCriteria: [...applied],
        socialReturn: socialReturn
          ? { applied: true, percentage: Number(percentage.replace(',', '.')) }
          : { applied: false },
        ...(applied.size === 0 && reason ? { noMviReason: reason } : {}),
        ...(results.trim() ? { results: results.trim() } : {}),
        realisation,
      });
      onSaved(t('tenders.mvi.saved'));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <SectionTitle id="mvi-record">{t('tenders.mvi.title')}</SectionTitle>
      <Text block>
        {record
          ? t('tenders.mvi.recordedOn', { date: formatDate(record.recordedAt.slice(0, 10), language) })
          : t('tenders.mvi.intro')}
      </Text>
      <form
        className={styles.form}
        aria-labelledby="mvi-record"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {groups.map((g) => (
          <fieldset key={g.id} className={styles.group}>
            <legend className={styles.legend}>{g.name[language]}</legend>
            <div className={styles.list}>
              {g.criteria.map((c) => (
                <Checkbox
                  key={c.id}
                  checked={applied.has(c.id)}
                  onChange={(_, d) => toggle(c.id, d.checked === true)}
                  label={`${c.title[language]} · ${t(`types.${c.type}`)} · ${t(`ambitions.${c.ambition}`)}`}
                />
              ))}
            </div>
          </fieldset>
        ))}
        <Field label={t('tenders.mvi.addGroup')}>
          <Select
            value=""
            onChange={(_, d) => {
              if (d.value) setExtraGroups([...extraGroups, d.value]);
            }}
          >
            <option value="">{t('tenders.mvi.chooseGroup')}</option>
            {catalogue.productGroups
              .filter((g) => !groupIds.includes(g.id))
              .map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name[language]}
                </option>
              ))}
          </Select>
        </Field>
        {applied.size === 0 && (
          <Field label={t('tenders.mvi.reason')} hint={t('tenders.mvi.reasonHint')}>
            <Select value={reason} onChange={(_, d) => setReason(d.value)}>
              <option value="">{t('tenders.mvi.chooseReason')}</option>
              {NO_MVI_REASONS.map((r) => (
                <option key={r} value={r}>
                  {NO_MVI_REASON_LABELS[r][language]}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <div className={styles.row}>
          <Checkbox
            checked={socialReturn}
            onChange={(_, d) => setSocialReturn(d.checked === true)}
            label={t('tenders.mvi.socialReturn')}
          />
          {socialReturn && (
            <Field label={t('tenders.mvi.percentage')}>
              <Input inputMode="decimal" value={percentage} onChange={(_, d) => setPercentage(d.value)} />
            </Field>
          )}
        </div>
        <Field label={t('tenders.mvi.realisation')}>
          <Select value={realisation} onChange={(_, d) => setRealisation(d.value)}>
            {REALISATIONS.map((r) => (
              <option key={r} value={r}>
                {REALISATION_LABELS[r][language]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('tenders.mvi.results')} hint={t('tenders.mvi.resultsHint')}>
          <Textarea value={results} maxLength={2000} onChange={(_, d) => setResults(d.value)} />
        </Field>
        {error && <ErrorMessage message={error} />}
        <div>
          <Button type="submit" appearance="primary" disabled={saving}>
            {t('tenders.mvi.save')}
          </Button>
        </div>
      </form>
    </>
  );
}
