// The API documentation page (phoihop/api/templates/api/docs.html): Swagger UI on the schema,
// its "Try it out" requests sent with the signed-in session's CSRF token. A file, not an inline
// script: the Content-Security-Policy allows scripts from this site only.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("swagger-settings").textContent);
  var csrf = document.body.dataset.csrfToken;
  config.dom_id = "#swagger-ui";
  config.presets = [window.SwaggerUIBundle.presets.apis];
  config.requestInterceptor = function (request) {
    if (csrf) { request.headers["X-CSRFToken"] = csrf; }
    return request;
  };
  window.SwaggerUIBundle(config);
})();
