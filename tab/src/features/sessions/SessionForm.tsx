import {
  Button,
  Checkbox,
  Field,
  Input,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { SESSION_TYPES } from '../../../../core/src/session.js';
import { useSession } from '../../app/session.js';
import { ErrorMessage, Loading, PageHeader } from '../../app/ui.js';
import { useCatalogue } from '../../data/catalogue.js';
import { errorText } from './actions.js';
import { amsterdamIso, amsterdamParts, type SessionView } from './model.js';

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
    gap: tokens.spacingHorizontalL,
    maxWidth: '900px',
  },
  wide: { gridColumn: '1 / -1' },
  themes: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    border: 'none',
    padding: 0,
    margin: 0,
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, gridColumn: '1 / -1' },
});

interface Draft {
  type: string;
  title: string;
  description: string;
  themes: string[];
  date: string;
  startTime: string;
  endTime: string;
  location: string;
  onlineMeetingUrl: string;
  capacity: string;
  regionWide: boolean;
  requiresApproval: boolean;
}

const EMPTY: Draft = {
  type: 'lunch-lecture',
  title: '',
  description: '',
  themes: [],
  date: '',
  startTime: '12:00',
  endTime: '13:00',
  location: '',
  onlineMeetingUrl: '',
  capacity: '',
  regionWide: false,
  requiresApproval: false,
};

function fromView(s: SessionView): Draft {
  const start = amsterdamParts(s.start);
  return {
    type: s.type,
    title: s.title,
    description: s.description,
    themes: s.themes,
    date: start.date,
    startTime: start.time,
    endTime: amsterdamParts(s.end).time,
    location: s.location ?? '',
    onlineMeetingUrl: s.onlineMeetingUrl ?? '',
    capacity: s.capacity === null ? '' : String(s.capacity),
    regionWide: s.regionWide,
    requiresApproval: s.requiresApproval,
  };
}

/** Plan a session (/sessions/new) or edit one (/sessions/:id/edit). */
export default function SessionFormPage() {
  const styles = useStyles();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const { api, language } = useSession();
  const catalogue = useCatalogue();
  const [draft, setDraft] = useState<Draft | undefined>(id ? undefined : EMPTY);
  const [etag, setEtag] = useState('');
  // One key per form: a double click or a retry after a lost answer plans one session.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [extra, setExtra] = useState<Pick<SessionView, 'organiserIds' | 'seriesId'> | undefined>();
  const [error, setError] = useState('');

  useEffect(() => {
    if (!id) return;
    api.getWithEtag<SessionView>(`/sessions/${id}`).then(
      ({ value, etag: tag }) => {
        setDraft(fromView(value));
        setEtag(tag);
        setExtra({ organiserIds: value.organiserIds, seriesId: value.seriesId });
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, [api, id]);

  if (!draft) return error ? <ErrorMessage message={error} /> : <Loading label={t('app.loading')} />;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => setDraft({ ...draft, [key]: value });

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError('');
    const start = amsterdamIso(draft.date, draft.startTime);
    const end = amsterdamIso(draft.date, draft.endTime);
    if (!start || !end) return setError(t('sessionForm.badTime'));
    const body = {
      type: draft.type,
      title: draft.title,
      description: draft.description,
      themes: draft.themes,
      start,
      end,
      ...(draft.location.trim() ? { location: draft.location.trim() } : {}),
      ...(draft.onlineMeetingUrl.trim() ? { onlineMeetingUrl: draft.onlineMeetingUrl.trim() } : {}),
      ...(draft.capacity.trim() ? { capacity: Number(draft.capacity) } : {}),
      regionWide: draft.regionWide,
      requiresApproval: draft.requiresApproval,
      ...(extra
        ? { organiserIds: extra.organiserIds, ...(extra.seriesId ? { seriesId: extra.seriesId } : {}) }
        : {}),
    };
    try {
      const saved = id
        ? await api.send<SessionView>('PUT', `/sessions/${id}`, body, { 'if-match': etag })
        : await api.send<SessionView>('POST', '/sessions', body, { 'idempotency-key': idempotencyKey });
      void navigate(`/sessions/${saved.id}`, { state: { saved: true } });
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <>
      <PageHeader
        title={id ? t('sessionForm.editTitle') : t('sessionForm.newTitle')}
        intro={t('sessionForm.intro')}
      />
      <form
        className={styles.form}
        onSubmit={(e) => void submit(e)}
        aria-label={id ? t('sessionForm.editTitle') : t('sessionForm.newTitle')}
      >
        <Field label={t('sessionForm.type')} required>
          <Select value={draft.type} onChange={(_, d) => set('type', d.value)}>
            {SESSION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`sessionTypes.${type}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('sessionForm.title')} required className={styles.wide}>
          <Input value={draft.title} onChange={(_, d) => set('title', d.value)} maxLength={200} />
        </Field>
        <Field label={t('sessionForm.description')} className={styles.wide}>
          <Textarea
            rows={4}
            value={draft.description}
            onChange={(_, d) => set('description', d.value)}
            maxLength={4000}
          />
        </Field>
        <fieldset className={`${styles.themes} ${styles.wide}`}>
          <legend>{t('sessionForm.themes')}</legend>
          {catalogue.themes.map((theme) => (
            <Checkbox
              key={theme.id}
              label={theme.name[language]}
              checked={draft.themes.includes(theme.id)}
              onChange={(_, d) =>
                set(
                  'themes',
                  d.checked === true
                    ? [...draft.themes, theme.id]
                    : draft.themes.filter((x) => x !== theme.id),
                )
              }
            />
          ))}
        </fieldset>
        <Field label={t('sessionForm.date')} required>
          <Input type="date" value={draft.date} onChange={(_, d) => set('date', d.value)} />
        </Field>
        <Field label={t('sessionForm.startTime')} required>
          <Input type="time" value={draft.startTime} onChange={(_, d) => set('startTime', d.value)} />
        </Field>
        <Field label={t('sessionForm.endTime')} required>
          <Input type="time" value={draft.endTime} onChange={(_, d) => set('endTime', d.value)} />
        </Field>
        <Field label={t('sessionForm.capacity')} hint={t('sessionForm.capacityHint')}>
          <Input type="number" min={1} value={draft.capacity} onChange={(_, d) => set('capacity', d.value)} />
        </Field>
        <Field label={t('sessionForm.location')} className={styles.wide}>
          <Input value={draft.location} onChange={(_, d) => set('location', d.value)} maxLength={200} />
        </Field>
        <Field label={t('sessionForm.teamsLink')} hint={t('sessionForm.teamsHint')} className={styles.wide}>
          <Input
            type="url"
            value={draft.onlineMeetingUrl}
            onChange={(_, d) => set('onlineMeetingUrl', d.value)}
          />
        </Field>
        <Checkbox
          className={styles.wide}
          label={t('sessionForm.regionWide')}
          checked={draft.regionWide}
          disabled={Boolean(id)}
          onChange={(_, d) => set('regionWide', d.checked === true)}
        />
        <Checkbox
          className={styles.wide}
          label={t('sessionForm.requiresApproval')}
          checked={draft.requiresApproval}
          onChange={(_, d) => set('requiresApproval', d.checked === true)}
        />
        {error && (
          <div className={styles.wide}>
            <ErrorMessage message={error} />
          </div>
        )}
        <div className={styles.row}>
          <Button appearance="primary" type="submit">
            {id ? t('sessionForm.save') : t('sessionForm.create')}
          </Button>
          <Button onClick={() => void navigate(id ? `/sessions/${id}` : '/sessions')}>
            {t('sessionForm.cancel')}
          </Button>
        </div>
      </form>
    </>
  );
}
