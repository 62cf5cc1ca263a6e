// The demo pages show times in the visitor's own zone: the browser knows it, the server can only guess it.
(function () {
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone) {
    return;
  }
  var guessed = document.querySelector('[data-zone-guessed="true"]');
  if (guessed && guessed.getAttribute('data-zone') !== zone) {
    var url = new URL(window.location.href);
    if (!url.searchParams.has('tz')) {
      url.searchParams.set('tz', zone);
      window.location.replace(url.toString());
    }
  }
})();
