{{/*
Bearer tokens. The gateway checks every caller's token; the conversation service checks the
same token again on the reads the gateway forwards, so both get the same AUTH_* settings.
Keys come from exactly one source: auth.jwksUrl (an OIDC provider's JWKS endpoint), an
existing ConfigMap (auth.jwksConfigMap) or inline auth.jwks, the last two mounted as a file.

handoff.authInUse: "true" when the gateway is enabled or auth.issuer/audience are set, after
checking the settings (the schema checks them too; this covers installs that skip it).
*/}}
{{- define "handoff.authInUse" -}}
{{- $auth := default dict .Values.auth -}}
{{- $gateway := get (default dict .Values.services) "gateway" -}}
{{- $gatewayOn := and (kindIs "map" $gateway) (ne (toString (get $gateway "enabled")) "false") -}}
{{- if or $gatewayOn $auth.issuer $auth.audience -}}
{{- if not (and $auth.issuer $auth.audience) -}}
{{- fail "auth.issuer and auth.audience are required: the gateway (and the conversation service's reads) check every bearer token against them" -}}
{{- end -}}
{{- $sources := list -}}
{{- if $auth.jwksUrl }}{{ $sources = append $sources "auth.jwksUrl" }}{{ end -}}
{{- if (default dict $auth.jwksConfigMap).name }}{{ $sources = append $sources "auth.jwksConfigMap.name" }}{{ end -}}
{{- if $auth.jwks }}{{ $sources = append $sources "auth.jwks" }}{{ end -}}
{{- if ne (len $sources) 1 -}}
{{- fail (printf "auth needs exactly one key source, auth.jwksUrl, auth.jwksConfigMap.name or auth.jwks; %s set" (ternary "none is" (join " and " $sources) (empty $sources))) -}}
{{- end -}}
true
{{- end -}}
{{- end -}}

{{/* Environment entries (a YAML list) with the token settings; only when auth is in use. */}}
{{- define "handoff.authEnv" -}}
{{- $auth := .Values.auth -}}
- name: AUTH_ISSUER
  value: {{ $auth.issuer | quote }}
- name: AUTH_AUDIENCE
  value: {{ $auth.audience | quote }}
{{- with $auth.jwksUrl }}
- name: AUTH_JWKS_URL
  value: {{ . | quote }}
{{- end }}
- name: AUTH_TENANT_CLAIM
  value: {{ default "tenant" $auth.tenantClaim | quote }}
{{- if hasKey $auth "clockToleranceSeconds" }}
- name: AUTH_CLOCK_TOLERANCE_SECONDS
  value: {{ $auth.clockToleranceSeconds | quote }}
{{- end }}
{{- end -}}

{{/* host:port of a URL's endpoint, for egress rules: the port given, else the scheme's. */}}
{{- define "handoff.urlPort" -}}
{{- $url := urlParse . -}}
{{- $hostPort := splitList ":" $url.host -}}
{{- if gt (len $hostPort) 1 -}}
{{- last $hostPort -}}
{{- else -}}
{{- ternary "443" "80" (eq $url.scheme "https") -}}
{{- end -}}
{{- end -}}
