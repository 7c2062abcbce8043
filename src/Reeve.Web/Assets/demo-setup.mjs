// The demo set-up holding page: asks how far the demo council has got every few seconds, says so in the status
// region, and opens the page asked for once the council is ready. Without JavaScript the "Check again" link does it.
const status = document.querySelector('[data-demo-setup-status]');
if (status) {
  const poll = async () => {
    try {
      const response = await fetch('/setup-progress', { cache: 'no-store' });
      const progress = await response.json();
      if (progress.state !== 'building') {
        // Ready, or failed: either way the page asked for (or the failure page) says what happened.
        window.location.reload();
        return;
      }
      status.textContent = progress.now;
    } catch {
      // The app may be busy; ask again next time.
    }
    window.setTimeout(poll, 3000);
  };
  window.setTimeout(poll, 3000);
}
