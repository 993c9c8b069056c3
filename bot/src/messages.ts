/** Texts the bot sends, as pure functions of language and links. */
export type BotLanguage = 'nl' | 'en';

export function languageOfLocale(locale: string | undefined): BotLanguage {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

export function welcomeText(lang: BotLanguage, tabBaseUrl: string): string {
  return lang === 'en'
    ? `Hello! I am MVI Companion. Tell me what you are going to buy and I will tell you which socially responsible procurement (MVI) criteria fit. Type **help** for what I can do, or open the toolbox: ${tabBaseUrl}`
    : `Hallo! Ik ben MVI Companion. Vertel me wat u gaat inkopen, dan zeg ik welke MVI-criteria daarbij passen. Typ **help** voor wat ik kan, of open de toolbox: ${tabBaseUrl}`;
}

export function helpText(lang: BotLanguage, tabBaseUrl: string): string {
  return lang === 'en'
    ? [
        'This is what I can do:',
        '- Describe your tender ("which MVI criteria for cleaning the town hall, about €400,000?") and get advice.',
        '- **my tenders**: your registered tenders, with their advice and a form to record the MVI that went into them (**record MVI T-2026-014**).',
        '- **sessions**: upcoming lunch lectures and workshops.',
        `The full MVI toolbox: ${tabBaseUrl}`,
      ].join('\n')
    : [
        'Dit kan ik voor u doen:',
        '- Beschrijf uw aanbesteding ("welke MVI-criteria voor schoonmaak van het gemeentehuis, ca. €400.000?") en krijg advies.',
        '- **mijn aanbestedingen**: uw geregistreerde aanbestedingen, met advies en een formulier om vast te leggen welk MVI erin zit (**MVI vastleggen T-2026-014**).',
        '- **sessies**: komende lunchlezingen en workshops.',
        `De hele MVI-toolbox: ${tabBaseUrl}`,
      ].join('\n');
}

export function tooLongNote(lang: BotLanguage, max: number): string {
  const n = max.toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL');
  return lang === 'en'
    ? `Your message is longer than ${n} characters; I read the first ${n}. Describe the tender in a few sentences, or put the details in the tender in the toolbox.`
    : `Uw bericht is langer dan ${n} tekens; ik heb de eerste ${n} gelezen. Beschrijf de aanbesteding in een paar zinnen, of zet de details bij de aanbesteding in de toolbox.`;
}

export function startOverText(lang: BotLanguage): string {
  return lang === 'en'
    ? 'Fine, a new question. What are you going to buy? For example: “office cleaning, €300,000”.'
    : 'Goed, een nieuwe vraag. Wat gaat u inkopen? Bijvoorbeeld: “schoonmaak kantoren, €300.000”.';
}

export function languageSwitchedText(lang: BotLanguage, tabBaseUrl: string): string {
  return lang === 'en'
    ? `Fine, I will answer in English.\n\n${helpText(lang, tabBaseUrl)}`
    : `Goed, ik antwoord in het Nederlands.\n\n${helpText(lang, tabBaseUrl)}`;
}

export function downloadText(lang: BotLanguage, url: string): string {
  return lang === 'en'
    ? `The criteria of this advice as a Word document: [download (.docx)](${url})`
    : `De criteria van dit advies als Word-document: [download (.docx)](${url})`;
}
