import { Button, Dropdown, Field, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { isAdmin, useSession } from '../../app/session.js';
import { ErrorMessage, PageHeader, SectionTitle, useTableClass } from '../../app/ui.js';
import { errorText } from '../sessions/actions.js';
import { NoticeBar, type Notice } from '../sessions/Sessions.js';
import { TEXTS } from './texts.js';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'flex-end',
    marginBottom: tokens.spacingVerticalL,
  },
  cell: { maxWidth: '28em', whiteSpace: 'pre-wrap' },
});

interface Setup {
  channel: { teamId: string; channelId: string; channelName: string; chosenBy: string } | null;
  teams: { teamId: string; teamName: string | null; channels: { id: string; name: string }[] }[];
}

interface Question {
  id: string;
  question: string;
  askedBy: { userId: string; displayName?: string };
  state: 'open' | 'claimed' | 'answered';
  claimedBy?: { displayName?: string };
  answer?: { text: string };
  ageWorkingDays: number;
  publishedAs?: string;
}

/** The MVI team's questions from the bot: the channel they go to, and the list with their age. */
export default function ExpertsPage() {
  const styles = useStyles();
  const table = useTableClass();
  const { api, me, language } = useSession();
  const l = TEXTS[language];
  const [setup, setSetup] = useState<Setup>();
  const [questions, setQuestions] = useState<Question[]>([]);
  const [choice, setChoice] = useState<string>('');
  const [notice, setNotice] = useState<Notice>();

  const load = useCallback(async () => {
    const [s, q] = await Promise.all([
      api.get<Setup>('/experts/setup'),
      api.get<{ questions: Question[] }>('/experts/questions'),
    ]);
    setSetup(s);
    setQuestions(q.questions);
    if (s.channel) setChoice(`${s.channel.teamId}|${s.channel.channelId}`);
  }, [api]);
  useEffect(() => {
    if (isAdmin(me)) load().catch((e: unknown) => setNotice({ text: errorText(e), intent: 'error' }));
  }, [load, me]);

  if (!isAdmin(me)) return <ErrorMessage message={l.onlyAdmin} />;
  const options = (setup?.teams ?? []).flatMap((t) =>
    t.channels.map((c) => ({
      value: `${t.teamId}|${c.id}`,
      text: `${t.teamName ?? t.teamId} › ${c.name}`,
      name: c.name,
    })),
  );
  const choose = async (): Promise<void> => {
    const [teamId, channelId] = choice.split('|');
    try {
      const result = await api.send<Setup>('PUT', '/experts/channel', { teamId, channelId });
      setSetup(result);
      setNotice({ text: l.saved(result.channel?.channelName ?? ''), intent: 'success' });
    } catch (e) {
      setNotice({ text: errorText(e), intent: 'error' });
    }
  };
  const publish = async (id: string): Promise<void> => {
    try {
      const result = await api.send<{ item: { id: string } }>('POST', `/experts/questions/${id}/publish`, {});
      setNotice({ text: l.published(result.item.id), intent: 'success' });
      await load();
    } catch (e) {
      setNotice({ text: errorText(e), intent: 'error' });
    }
  };
  return (
    <>
      <PageHeader title={l.title} intro={l.intro} />
      <NoticeBar notice={notice} />
      <SectionTitle id="channel">{l.channel}</SectionTitle>
      <Text as="p">
        {setup?.channel ? l.current(setup.channel.channelName, setup.channel.chosenBy) : l.none}
      </Text>
      {options.length === 0 ? (
        <Text as="p">{setup ? l.noTeams : ''}</Text>
      ) : (
        <div className={styles.form} role="group" aria-labelledby="channel">
          <Field label={l.pick} hint={l.channelHint}>
            <Dropdown
              value={options.find((o) => o.value === choice)?.text ?? ''}
              selectedOptions={choice ? [choice] : []}
              onOptionSelect={(_, d) => setChoice(d.optionValue ?? '')}
            >
              {options.map((o) => (
                <Option key={o.value} value={o.value}>
                  {o.text}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Button disabled={!choice} onClick={() => void choose()}>
            {l.save}
          </Button>
        </div>
      )}
      <SectionTitle id="questions">{l.questions}</SectionTitle>
      {questions.length === 0 ? (
        <Text as="p">{l.noQuestions}</Text>
      ) : (
        <table className={table} aria-labelledby="questions">
          <thead>
            <tr>
              <th scope="col">{l.question}</th>
              <th scope="col">{l.askedBy}</th>
              <th scope="col">{l.state}</th>
              <th scope="col" className="n">
                {l.age}
              </th>
              <th scope="col">{l.answer}</th>
            </tr>
          </thead>
          <tbody>
            {questions.map((q) => (
              <tr key={q.id}>
                <td className={styles.cell}>{q.question}</td>
                <td>{q.askedBy.displayName ?? '—'}</td>
                <td>
                  {l.states[q.state]}
                  {q.state !== 'open' && q.claimedBy?.displayName
                    ? ` ${l.claimedBy(q.claimedBy.displayName)}`
                    : ''}
                </td>
                <td className="n">{q.ageWorkingDays}</td>
                <td className={styles.cell}>
                  {q.answer?.text ?? '—'}
                  {q.state === 'answered' && !q.publishedAs && (
                    <div>
                      <Button size="small" onClick={() => void publish(q.id)}>
                        {l.publish}
                      </Button>
                    </div>
                  )}
                  {q.publishedAs && <div>{l.inToolbox}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
