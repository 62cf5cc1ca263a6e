// Escala's configuration of Camunda Tasklist. It replaces the config.js shipped in the webapp jar,
// so it keeps that file's only setting, the keyboard shortcuts; every other option keeps Camunda's built-in default.
// Locale codes are what Camunda's loader matches: the primary subtag of the browser's first language, lower case
// ("pt-BR" -> "pt"). So "pt" is Escala's Brazilian Portuguese, and any other language gets the fallback.
export default {
  app: {
    name: 'Tasklist',
    vendor: 'Escala'
  },
  locales: {
    availableLocales: ['es', 'pt', 'en'],
    fallbackLocale: 'es'
  },
  // Must match camunda.bpm.webapp.csrf.cookie-name (default XSRF-TOKEN).
  csrfCookieName: 'XSRF-TOKEN',
  disableWelcomeMessage: false,

  // As shipped with Camunda.
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
