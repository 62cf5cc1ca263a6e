// Keyboard shortcuts of the review page (the forms and links work without them): a approves, r goes to the comment,
// Ctrl+Enter there rejects, j / k or the arrows move to the next / previous document, u to the next undecided one,
// Esc leaves the comment. Single-key shortcuts can be switched off (remembered in this browser).
(function () {
  var comment = document.getElementById('comment');
  var toggle = document.getElementById('shortcuts-enabled');
  var stored = 'escala.documentReview.shortcuts';

  function remembered() {
    try {
      return window.localStorage.getItem(stored) !== 'off';
    } catch (e) {
      return true;
    }
  }

  if (toggle) {
    toggle.checked = remembered();
    document.getElementById('shortcuts-switch').hidden = false;
    toggle.addEventListener('change', function () {
      try {
        window.localStorage.setItem(stored, toggle.checked ? 'on' : 'off');
      } catch (e) {
        // storage refused (private mode): the switch still works for this page
      }
    });
  }

  function enabled() {
    return !toggle || toggle.checked;
  }

  function typing(target) {
    var tag = target && target.tagName;
    return tag === 'TEXTAREA' || tag === 'INPUT' || tag === 'SELECT' || (target && target.isContentEditable);
  }

  function click(id) {
    var element = document.getElementById(id);
    if (element) {
      element.click();
      return true;
    }
    return false;
  }

  document.addEventListener('keydown', function (event) {
    if (!enabled()) {
      return;
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && event.target === comment) {
      event.preventDefault();
      click('reject');
      return;
    }
    if (event.key === 'Escape' && event.target === comment) {
      comment.blur();
      return;
    }
    if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var handled = false;
    switch (event.key) {
      case 'a':
        handled = click('approve');
        break;
      case 'r':
        if (comment) {
          comment.focus();
          handled = true;
        }
        break;
      case 'j':
      case 'ArrowRight':
        handled = click('next');
        break;
      case 'k':
      case 'ArrowLeft':
        handled = click('previous');
        break;
      case 'u':
        handled = click('next-undecided');
        break;
    }
    if (handled) {
      event.preventDefault();
    }
  });
})();
