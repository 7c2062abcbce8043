// Runs first in <body>, so GOV.UK Frontend's JavaScript-only styles apply before the page paints.
// An external file rather than inline script, because the Content-Security-Policy allows only 'self'.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
