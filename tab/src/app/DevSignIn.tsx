import { Button, Card, CardHeader, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DevAuthClient, DevUser } from '../auth/auth.js';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))',
    gap: tokens.spacingHorizontalM,
    padding: 0,
    listStyleType: 'none',
  },
});

/** The user picker of the local development identity provider. */
export function DevSignIn({ auth, onSignedIn }: { auth: DevAuthClient; onSignedIn: () => void }) {
  const styles = useStyles();
  const { t } = useTranslation();
  const [users, setUsers] = useState<DevUser[]>([]);
  const [error, setError] = useState('');

  useEffect(() => {
    auth.listUsers().then(setUsers, (e: unknown) => setError(String(e)));
  }, [auth]);

  const signIn = async (user: DevUser): Promise<void> => {
    try {
      await auth.signIn(user.id);
      onSignedIn();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section aria-labelledby="sign-in-title">
      <Text as="h1" id="sign-in-title" size={700} weight="semibold" block>
        {t('signIn.title')}
      </Text>
      <Text block>{t('signIn.intro')}</Text>
      {error && (
        <Text role="alert" block>
          {t('signIn.failed', { message: error })}
        </Text>
      )}
      <ul className={styles.list}>
        {users.map((u) => (
          <li key={u.id}>
            <Card>
              <CardHeader
                header={<Text weight="semibold">{u.displayName}</Text>}
                description={<Text>{`${u.description} · ${u.municipalityId}`}</Text>}
              />
              <Button appearance="primary" onClick={() => void signIn(u)}>
                {t('signIn.as', { name: u.displayName })}
              </Button>
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
