/* PWS-ILP: when the session has ended (idle time, logout in another tab, an
 * account disabled), the server answers the page's own requests with 401 and no
 * data; go to the login page, coming back to this view afterwards, rather than
 * leave a page whose callbacks silently fail. Only 401 answers from this app are
 * acted on; every other answer passes through untouched. */
(function () {
    const fetchOriginal = window.fetch.bind(window);
    window.fetch = function (input, init) {
        return fetchOriginal(input, init).then(function (resp) {
            const url = new URL(resp.url || String(input), window.location.href);
            if (resp.status === 401 && url.origin === window.location.origin && url.pathname.indexOf("/login") !== 0) {
                const here = window.location.pathname + window.location.search;
                window.location.assign("/login?next=" + encodeURIComponent(here));
                // the page is leaving: the renderer need not handle (and report) the refusal
                return new Promise(function () {});
            }
            return resp;
        });
    };
})();
