// Small enhancements only: every page works without this script.
document.addEventListener('DOMContentLoaded', () => {
  // After a refused form, put the keyboard focus on the summary of what to fix.
  const summary = document.querySelector('[data-focus-on-load]');
  if (summary instanceof HTMLElement) summary.focus();
});
