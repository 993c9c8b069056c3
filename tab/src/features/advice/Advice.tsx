import {
  Button,
  Card,
  Field,
  Input,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { Advice } from '../../../../core/src/engine/advise.js';
import { parseAmount } from '../../../../core/src/parse.js';
import { CriterionBadges } from '../../app/domain-ui.js';
import { useSession } from '../../app/session.js';
import { ErrorMessage, PageHeader, RouterFluentLink, SectionTitle } from '../../app/ui.js';
import { useCatalogue } from '../../data/catalogue.js';
import type { NeighboursBlock as NeighboursData } from '../../../../core/src/neighbours/view.js';
import { NeighboursBlock } from '../neighbours/NeighboursBlock.js';

/** The advice as the API gives it: with the neighbours' block when a product group fits. */
export type AdviceWithNeighbours = Advice & { neighbours?: NeighboursData | null };

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'end',
    maxWidth: '900px',
  },
  wide: { gridColumn: '1 / -1' },
  result: { marginTop: tokens.spacingVerticalXXL },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: 0,
    listStyleType: 'none',
  },
  steps: { paddingLeft: tokens.spacingHorizontalXL, lineHeight: tokens.lineHeightBase400 },
});

type Ambition = 'basic' | 'significant' | 'ambitious';

export function AdviceView({ advice }: { advice: AdviceWithNeighbours }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [copied, setCopied] = useState('');
  const main = advice.productGroups.filter((g) => g.relevance === 'main');
  const possible = advice.productGroups.filter((g) => g.relevance === 'possible');
  const copyCodes = async (): Promise<void> => {
    await navigator.clipboard.writeText(advice.cpvSuggestions.map((s) => s.code).join('\n'));
    setCopied(t('advice.cpvCopied', { count: advice.cpvSuggestions.length }));
  };
  return (
    <section className={styles.result} aria-labelledby="advice-result">
      <Text as="h2" id="advice-result" size={700} weight="semibold" block>
        {t('advice.result')}
      </Text>
      {main.length === 0 ? (
        <Text as="p">
          {t('advice.noGroups')} <RouterFluentLink to="/themes">{t('nav.themes')}</RouterFluentLink>
        </Text>
      ) : (
        <>
          {advice.confidence === 'low' && <Text as="p">{t('advice.lowConfidence')}</Text>}
          <SectionTitle>{t('advice.groups')}</SectionTitle>
          <ul className={styles.list}>
            {main.map((g) => (
              <li key={g.id}>
                <RouterFluentLink to={`${g.link}?ambition=${advice.ambition}`}>{g.name}</RouterFluentLink> —{' '}
                {g.explanation}
                <Text as="p" size={200}>
                  {t('advice.groupCpv')}: {g.cpv.map((c) => `${c.code} ${c.label}`).join('; ')}
                </Text>
              </li>
            ))}
          </ul>
        </>
      )}
      {possible.length > 0 && (
        <Text as="p">
          {t('advice.alsoPossible')}:{' '}
          {possible.map((g, i) => (
            <span key={g.id}>
              {i > 0 && ', '}
              <RouterFluentLink to={`${g.link}?ambition=${advice.ambition}`}>{g.name}</RouterFluentLink>
            </span>
          ))}
        </Text>
      )}
      {advice.notes.map((note) => (
        <Text as="p" key={note} italic>
          {note}
        </Text>
      ))}
      <SectionTitle>{t('advice.threshold')}</SectionTitle>
      <Text as="p">{advice.thresholds.explanation}</Text>
      <SectionTitle>{t('advice.mvi')}</SectionTitle>
      <Text as="p">{advice.mvi.explanation}</Text>
      <SectionTitle>{t('advice.socialReturn')}</SectionTitle>
      <Text as="p">{advice.socialReturn.reason}</Text>
      {advice.neighbours && <NeighboursBlock block={advice.neighbours} />}
      {advice.criteriaByTheme.length > 0 && (
        <SectionTitle>{t('advice.criteria', { level: t(`ambitions.${advice.ambition}`) })}</SectionTitle>
      )}
      {advice.general && <Text as="p">{advice.general.explanation}</Text>}
      {advice.criteriaByTheme.map((theme) => (
        <section key={theme.theme} aria-label={theme.name}>
          <Text as="h3" size={500} weight="semibold" block>
            {theme.name}
          </Text>
          <ul className={styles.list}>
            {theme.criteria.map((c) => (
              <li key={c.id}>
                <Card>
                  <Text weight="semibold">{c.title}</Text>
                  <Text size={200}>{t('advice.fromGroup', { group: c.productGroupName })}</Text>
                  <CriterionBadges type={c.type} ambition={c.ambition} />
                  <Text>{c.text}</Text>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {advice.cpvSuggestions.length > 0 && (
        <>
          <SectionTitle id="advice-cpv">{t('advice.cpvTitle')}</SectionTitle>
          <Text as="p">{t('advice.cpvIntro')}</Text>
          <ol className={styles.steps} aria-labelledby="advice-cpv">
            {advice.cpvSuggestions.map((s) => (
              <li key={s.code}>
                <code>{s.code}</code> {s.label}
              </li>
            ))}
          </ol>
          <Button onClick={() => void copyCodes()}>{t('advice.cpvCopy')}</Button>
          <div role="status" aria-live="polite">
            {copied && <Text>{copied}</Text>}
          </div>
        </>
      )}
      <SectionTitle>{t('advice.nextSteps')}</SectionTitle>
      <ul className={styles.steps}>
        {advice.nextSteps.map((s) => (
          <li key={s.id}>{s.link ? <RouterFluentLink to={s.link}>{s.text}</RouterFluentLink> : s.text}</li>
        ))}
      </ul>
    </section>
  );
}

export function AdvicePage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const { api } = useSession();
  const { policy } = useCatalogue();
  const [what, setWhat] = useState('');
  const [value, setValue] = useState('');
  const [start, setStart] = useState('');
  const [ambition, setAmbition] = useState<Ambition | ''>('');
  const [advice, setAdvice] = useState<AdviceWithNeighbours | undefined>();
  const [error, setError] = useState('');
  const valueInvalid = value.trim() !== '' && parseAmount(value) === undefined;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError('');
    if (valueInvalid) return;
    try {
      const amount = parseAmount(value);
      setAdvice(
        await api.send<AdviceWithNeighbours>('POST', '/advice', {
          title: what,
          ...(amount !== undefined ? { estimatedValueEur: amount } : {}),
          ...(start ? { date: start } : {}),
          ...(ambition ? { ambition } : {}),
        }),
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <>
      <PageHeader title={t('advice.title')} intro={t('advice.intro')} />
      <form className={styles.form} onSubmit={(e) => void submit(e)}>
        <Field className={styles.wide} label={t('advice.what')} hint={t('advice.whatHint')} required>
          <Textarea value={what} onChange={(_, d) => setWhat(d.value)} rows={2} />
        </Field>
        <Field
          label={t('advice.value')}
          hint={t('advice.valueHint')}
          validationMessage={valueInvalid ? t('advice.valueInvalid') : undefined}
        >
          <Input inputMode="decimal" value={value} onChange={(_, d) => setValue(d.value)} />
        </Field>
        <Field label={t('advice.start')}>
          <Input type="date" value={start} onChange={(_, d) => setStart(d.value)} />
        </Field>
        <Field label={t('advice.ambition')}>
          <Select value={ambition} onChange={(_, d) => setAmbition(d.value as Ambition | '')}>
            <option value="">
              {t('advice.policyDefault', { level: t(`ambitions.${policy.defaultAmbition}`) })}
            </option>
            <option value="basic">{t('ambitions.basic')}</option>
            <option value="significant">{t('ambitions.significant')}</option>
            <option value="ambitious">{t('ambitions.ambitious')}</option>
          </Select>
        </Field>
        <Button appearance="primary" type="submit" disabled={!what.trim()}>
          {t('advice.submit')}
        </Button>
      </form>
      {error && <ErrorMessage message={error} />}
      {advice && <AdviceView advice={advice} />}
    </>
  );
}

/** Opened from the bot's card: downloads the advice's criteria with the signed-in user's token. */
export function AdviceDownloadPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const { api } = useSession();
  const [state, setState] = useState<{ done?: string; error?: string }>({});
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !id) return;
    started.current = true;
    const ambition = params.get('ambition') ?? '';
    api
      .download(
        'GET',
        `/advice/${encodeURIComponent(id)}/criteria.docx${ambition ? `?ambition=${encodeURIComponent(ambition)}` : ''}`,
      )
      .then(
        (file) => setState({ done: file }),
        (e: unknown) => setState({ error: e instanceof Error ? e.message : String(e) }),
      );
  }, [api, id, params]);
  return (
    <>
      <PageHeader title={t('advice.downloadTitle')} />
      <div role="status" aria-live="polite">
        {!state.done && !state.error && <Text>{t('advice.downloading')}</Text>}
        {state.done && <Text>{t('advice.downloadDone', { file: state.done })}</Text>}
      </div>
      {state.error && <ErrorMessage message={state.error} />}
    </>
  );
}
