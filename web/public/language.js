// Language and direction before the first paint: no left-to-right flash for Arabic readers.
// A file rather than an inline script, so the site's Content-Security-Policy can forbid inline code.
(() => {
  const saved = localStorage.getItem('rawaq.language');
  if (saved === 'ar') {
    document.documentElement.lang = 'ar';
    document.documentElement.dir = 'rtl';
  } else if (saved) document.documentElement.lang = saved;
})();
