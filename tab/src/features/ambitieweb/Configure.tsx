/**
 * The municipality's webs, to open one; also the configuration page of the Ambitieweb tab in a
 * meeting, chat or channel: choosing a web tells Teams which page the tab shows
 * (`pages.config.setConfig`). Outside Teams it is a plain list with links.
 */
import { Field, Select, Text } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.js';
import { ErrorMessage, Loading, PageHeader, RouterFluentLink, useTableClass } from '../../app/ui.js';
import { formatDate } from '../../i18n/index.js';
import { webPath, type AmbitionWeb } from './model.js';
import './texts.js';

type Listed = Omit<AmbitionWeb, 'proposals'> & { proposals: number };

const ownerName = (web: Listed): string =>
  web.owner.kind === 'tender'
    ? web.owner.reference
    : web.owner.kind === 'department'
      ? web.owner.name
      : 'beleid / policy';

export default function ConfigurePage() {
  const { t } = useTranslation();
  const tableClass = useTableClass();
  const { api, language } = useSession();
  const [webs, setWebs] = useState<Listed[] | undefined>();
  const [error, setError] = useState('');
  const [chosen, setChosen] = useState('');
  const inTeams = useRef(false);

  useEffect(() => {
    api.get<{ webs: Listed[] }>('/ambitiewebs').then(
      (r) => setWebs(r.webs),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [api]);

  // Inside Teams' tab configuration dialog: save the chosen web as the tab's content.
  useEffect(() => {
    if (window.parent === window || !chosen) return;
    void import('@microsoft/teams-js').then(({ app, pages }) => {
      if (!app.isInitialized() || !pages.config.isSupported()) return;
      inTeams.current = true;
      pages.config.registerOnSaveHandler((save) => {
        const url = `${window.location.origin}${webPath(chosen)}`;
        pages.config
          .setConfig({
            entityId: chosen,
            contentUrl: url,
            websiteUrl: url,
            suggestedDisplayName: t('ambitieweb.title'),
          })
          .then(
            () => save.notifySuccess(),
            (e: unknown) => save.notifyFailure(String(e)),
          );
      });
      pages.config.setValidityState(true);
    });
  }, [chosen, t]);

  if (error) return <ErrorMessage message={error} />;
  if (!webs) return <Loading label={t('app.loading')} />;
  return (
    <>
      <PageHeader title={t('ambitieweb.listTitle')} intro={t('ambitieweb.listIntro')} />
      {webs.length === 0 ? (
        <Text block>{t('ambitieweb.none')}</Text>
      ) : (
        <>
          <Field label={t('ambitieweb.choose')}>
            <Select value={chosen} onChange={(_, d) => setChosen(d.value)}>
              <option value="">{t('ambitieweb.chooseNone')}</option>
              {webs.map((w) => (
                <option key={w.id} value={w.id}>
                  {ownerName(w)} ({t(`ambitieweb.stateLabel.${w.state}`)})
                </option>
              ))}
            </Select>
          </Field>
          {chosen && !inTeams.current && (
            <RouterFluentLink to={webPath(chosen)}>{t('ambitieweb.goTo')}</RouterFluentLink>
          )}
          <table className={tableClass}>
            <caption>{t('ambitieweb.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ambitieweb.choose')}</th>
                <th scope="col">{t('ambitieweb.proposals')}</th>
                <th scope="col">{t('ambitieweb.settled')}</th>
              </tr>
            </thead>
            <tbody>
              {webs.map((w) => (
                <tr key={w.id}>
                  <th scope="row">
                    <RouterFluentLink to={webPath(w.id)}>{ownerName(w)}</RouterFluentLink>
                  </th>
                  <td className="n">{w.proposals}</td>
                  <td>
                    {w.settledAt ? formatDate(w.settledAt, language) : t(`ambitieweb.stateLabel.${w.state}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
