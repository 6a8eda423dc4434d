//! Code snippets that send the project's payload. Each is a complete, syntactically valid file.

use super::literal::{Lang, js_string, literal, php_string};
use super::{AUTH_PLACEHOLDER, METHOD, PORTAL_PLACEHOLDER, params, payload};
use crate::project::Project;

/// Text safe inside a one-line comment of any target language: no line breaks, no `?>` (which
/// would leave PHP mode), no `*/`.
fn comment_text(s: &str) -> String {
    let flat: String =
        s.chars().map(|c| if c.is_control() || c == '\u{2028}' || c == '\u{2029}' { ' ' } else { c }).collect();
    flat.replace("?>", "? >").replace("*/", "* /")
}

fn summary(p: &Project) -> String {
    let (t, id) = p.owner();
    format!("Adds the configurable activity \"{}\" to CRM element {t}:{id} ({METHOD}).", comment_text(&p.name))
}

/// Single-quotes text for a POSIX shell (`'` becomes `'\''`).
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

pub fn curl(p: &Project) -> String {
    let body = serde_json::to_string_pretty(&payload(p)).unwrap_or_default();
    format!(
        "#!/bin/sh\n\
         # {summary}\n\
         # Replace {PORTAL_PLACEHOLDER} with your portal and {AUTH_PLACEHOLDER} with an OAuth access\n\
         # token of your local application (webhooks are refused with ERROR_WRONG_CONTEXT).\n\
         curl -X POST \\\n  \
           -H 'Content-Type: application/json' \\\n  \
           -H 'Accept: application/json' \\\n  \
           --data-binary {body} \\\n  \
           'https://{PORTAL_PLACEHOLDER}/rest/{METHOD}'\n",
        summary = summary(p),
        body = shell_quote(&body),
    )
}

pub fn php_crest(p: &Project) -> String {
    format!(
        "<?php\n\
         // {summary}\n\
         // Uses CRest (https://github.com/bitrix-tools/crest), which keeps the application's tokens.\n\
         declare(strict_types=1);\n\
         \n\
         require_once __DIR__ . '/crest.php';\n\
         \n\
         $result = CRest::call({method}, {params});\n\
         \n\
         if (isset($result['error'])) {{\n    \
             echo 'Error ' . $result['error'] . ': ' . ($result['error_description'] ?? '') . PHP_EOL;\n\
         }} else {{\n    \
             echo 'Activity id: ' . $result['result']['activity']['id'] . PHP_EOL;\n\
         }}\n",
        summary = summary(p),
        method = php_string(METHOD),
        params = literal(&params(p), Lang::Php, 0),
    )
}

pub fn php_sdk(p: &Project) -> String {
    format!(
        "<?php\n\
         // {summary}\n\
         // Uses the official SDK: composer require bitrix24/b24phpsdk\n\
         // Replace the YOUR_* placeholders with your local application's values.\n\
         declare(strict_types=1);\n\
         \n\
         require_once __DIR__ . '/vendor/autoload.php';\n\
         \n\
         use Bitrix24\\SDK\\Core\\Credentials\\ApplicationProfile;\n\
         use Bitrix24\\SDK\\Core\\Credentials\\AuthToken;\n\
         use Bitrix24\\SDK\\Core\\Credentials\\DefaultOAuthServerUrl;\n\
         use Bitrix24\\SDK\\Core\\Credentials\\Scope;\n\
         use Bitrix24\\SDK\\Services\\ServiceBuilderFactory;\n\
         use Psr\\Log\\NullLogger;\n\
         use Symfony\\Component\\EventDispatcher\\EventDispatcher;\n\
         \n\
         $b24Service = (new ServiceBuilderFactory(new EventDispatcher(), new NullLogger()))->init(\n    \
             new ApplicationProfile('YOUR_CLIENT_ID', 'YOUR_CLIENT_SECRET', new Scope(['crm'])),\n    \
             new AuthToken({token}, null, time() + 3600),\n    \
             {portal},\n    \
             DefaultOAuthServerUrl::default()\n\
         );\n\
         \n\
         $response = $b24Service->core->call({method}, {params});\n\
         \n\
         print_r($response->getResponseData()->getResult());\n",
        summary = summary(p),
        token = php_string(AUTH_PLACEHOLDER),
        portal = php_string(&format!("https://{PORTAL_PLACEHOLDER}")),
        method = php_string(METHOD),
        params = literal(&params(p), Lang::Php, 0),
    )
}

pub fn js(p: &Project) -> String {
    format!(
        "// {summary}\n\
         // Run it in your application's page with the BX24 library loaded\n\
         // (<script src=\"//api.bitrix24.com/api/v1/\"></script>); BX24 signs the call itself.\n\
         BX24.callMethod(\n  \
           {method},\n  \
           {params},\n  \
           function (result) {{\n    \
             if (result.error()) {{\n      \
               console.error(result.error(), result.error_description());\n    \
             }} else {{\n      \
               console.log('Activity id:', result.data().activity.id);\n    \
             }}\n  \
           }}\n\
         );\n",
        summary = summary(p),
        method = js_string(METHOD),
        params = literal(&params(p), Lang::Js, 0).replace('\n', "\n  "),
    )
}

pub fn python(p: &Project) -> String {
    let v = params(p);
    format!(
        "# {summary}\n\
         # Uses the official SDK: pip install b24pysdk\n\
         # Replace {PORTAL_PLACEHOLDER} and {AUTH_PLACEHOLDER} with your portal and an OAuth access token.\n\
         from b24pysdk import BitrixToken, Client\n\
         \n\
         bitrix_token = BitrixToken(domain=\"{PORTAL_PLACEHOLDER}\", auth_token=\"{AUTH_PLACEHOLDER}\")\n\
         client = Client(bitrix_token)\n\
         \n\
         fields = {fields}\n\
         \n\
         layout = {layout}\n\
         \n\
         response = client.crm.activity.configurable.add(\n    \
             owner_type_id={owner_type},\n    \
             owner_id={owner_id},\n    \
             fields=fields,\n    \
             layout=layout,\n\
         ).response\n\
         print(\"Activity id:\", response.result[\"activity\"][\"id\"])\n",
        summary = summary(p),
        fields = literal(&v["fields"], Lang::Python, 0),
        layout = literal(&v["layout"], Lang::Python, 0),
        owner_type = v["ownerTypeId"],
        owner_id = v["ownerId"],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_cannot_break_out() {
        assert_eq!(comment_text("a\nb?>c*/"), "a b? >c* /");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }
}
