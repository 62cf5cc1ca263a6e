// Escala's configuration of Camunda Cockpit. It replaces the config.js shipped in the webapp jar,
// which holds only commented-out examples: every option not set here keeps Camunda's built-in default.
// Locale codes are what Camunda's loader matches: the primary subtag of the browser's first language, lower case
// ("pt-BR" -> "pt"). So "pt" is Escala's Brazilian Portuguese, and any other language gets the fallback.
export default {
  app: {
    name: 'Cockpit',
    vendor: 'Escala'
  },
  locales: {
    availableLocales: ['es', 'pt', 'en'],
    fallbackLocale: 'es'
  },
  // Must match camunda.bpm.webapp.csrf.cookie-name (default XSRF-TOKEN).
  csrfCookieName: 'XSRF-TOKEN',
  disableWelcomeMessage: false
};
