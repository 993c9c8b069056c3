/** Small building blocks shared by the pages. */
import { MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo, type ReactNode } from 'react';
import { Link as RouterLink, type LinkProps } from 'react-router';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    marginBottom: tokens.spacingVerticalL,
  },
  markdown: {
    lineHeight: tokens.lineHeightBase400,
    '& a': { color: tokens.colorBrandForegroundLink },
    '& h2, & h3': { marginTop: tokens.spacingVerticalL },
  },
});

const useTableStyles = makeStyles({
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    '& th, & td': {
      textAlign: 'left',
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      verticalAlign: 'top',
    },
    '& td.n, & th.n': { textAlign: 'right' },
    '& caption': {
      textAlign: 'left',
      fontWeight: tokens.fontWeightSemibold,
      padding: `${tokens.spacingVerticalS} 0`,
    },
  },
});

/** The class of every data table in the tab (numbers in cells of class `n` align right). */
export function useTableClass(): string {
  return useTableStyles().table;
}

export function PageHeader({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: string;
  children?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.header}>
      <Text as="h1" size={800} weight="semibold">
        {title}
      </Text>
      {intro && <Text as="p">{intro}</Text>}
      {children}
    </div>
  );
}

export function SectionTitle({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <Text as="h2" id={id} size={600} weight="semibold" block style={{ marginTop: tokens.spacingVerticalXL }}>
      {children}
    </Text>
  );
}

/**
 * What a toolbox page may contain: the Markdown of text, lists, tables, quotes, code and links.
 * Everything else an author could write as raw HTML is dropped: forms and inputs (phishing),
 * style, class and id attributes (overlays, look-alike UI), frames, media and images from
 * elsewhere (tracking). Images stay only when they are data: URLs or on the tab's own origin.
 */
const MARKDOWN_TAGS = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'b',
  'i',
  'del',
  's',
  'code',
  'pre',
  'blockquote',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'img',
];
const MARKDOWN_ATTRIBUTES = ['href', 'title', 'alt', 'src', 'align'];

const purifier = DOMPurify();
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!/^(https?:|mailto:|\/|#)/i.test(href)) node.removeAttribute('href');
    else if (/^https?:/i.test(href)) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  }
  if (node.nodeName === 'IMG') {
    const src = node.getAttribute('src') ?? '';
    const own = (() => {
      try {
        return new URL(src, window.location.href).origin === window.location.origin;
      } catch {
        return false;
      }
    })();
    if (!/^data:image\/(png|gif|jpeg|webp);/i.test(src) && !own) node.remove();
  }
});

export function sanitizeMarkdown(source: string): string {
  return purifier.sanitize(marked.parse(source, { async: false }), {
    ALLOWED_TAGS: MARKDOWN_TAGS,
    ALLOWED_ATTR: MARKDOWN_ATTRIBUTES,
    ADD_ATTR: ['target', 'rel'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  });
}

/** Markdown written by the MVI team, rendered with the allow-list above. */
export function Markdown({ source }: { source: string }) {
  const styles = useStyles();
  const html = useMemo(() => sanitizeMarkdown(source), [source]);
  return <div className={styles.markdown} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A router link in the Fluent link colour. */
export function RouterFluentLink({ to, children, ...rest }: LinkProps) {
  return (
    <RouterLink to={to} {...rest} style={{ color: tokens.colorBrandForegroundLink }}>
      {children}
    </RouterLink>
  );
}

export function Loading({ label }: { label: string }) {
  return <Spinner label={label} />;
}

export function ErrorMessage({ message }: { message: string }) {
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>{message}</MessageBarBody>
    </MessageBar>
  );
}
