{{/*
Files the services read once at start-up, mounted read-only; each service gets the file's
path in an environment variable (*_FILE), never its content.

handoff.chartFiles: the JSON files the chart writes from values into ConfigMaps of its own,
named <fullname>-<name>, as YAML:
  <name>: { key, json }
*/}}
{{- define "handoff.chartFiles" -}}
{{- $files := dict -}}
{{- with .Values.routingQueues -}}
{{- $_ := set $files "routing-queues" (dict "key" "queues.json" "json" (toJson .)) -}}
{{- end -}}
{{- with .Values.conversationKnowledge -}}
{{- $_ := set $files "conversation-knowledge" (dict "key" "knowledge.json" "json" (toJson .)) -}}
{{- end -}}
{{- with .Values.conversationPrivacy -}}
{{- $_ := set $files "conversation-privacy" (dict "key" "privacy.json" "json" (toJson .)) -}}
{{- end -}}
{{- if include "handoff.authInUse" . -}}
{{- with (default dict .Values.auth).jwks -}}
{{- $_ := set $files "auth-jwks" (dict "key" "jwks.json" "json" (toJson .)) -}}
{{- end -}}
{{- end -}}
{{- toYaml $files -}}
{{- end -}}

{{/*
handoff.mountedFiles (dict "root" . "service" <name>): the files one service mounts, as YAML:
  files: [ { volume, env, dir, file, key, configMap | secret, checksum } ]
checksum is set for the chart's own ConfigMaps: the pod template carries it, so a change of
the values rolls exactly the pods that read the file. ConfigMaps and Secrets the chart does not
own are read at start-up too: restart the pods after changing them.
*/}}
{{- define "handoff.mountedFiles" -}}
{{- $root := .root -}}
{{- $chartFiles := fromYaml (include "handoff.chartFiles" $root) -}}
{{- $wanted := list -}}
{{- if eq .service "routing" -}}
{{- $wanted = append $wanted (dict "volume" "routing-queues" "env" "ROUTING_QUEUES_FILE" "dir" "/etc/handoff/routing") -}}
{{- end -}}
{{- if eq .service "conversation" -}}
{{- $wanted = append $wanted (dict "volume" "conversation-knowledge" "env" "CONVERSATION_KNOWLEDGE_FILE" "dir" "/etc/handoff/conversation/knowledge") -}}
{{- $wanted = append $wanted (dict "volume" "conversation-privacy" "env" "CONVERSATION_PRIVACY_FILE" "dir" "/etc/handoff/conversation/privacy") -}}
{{- end -}}
{{- $files := list -}}
{{- range $w := $wanted -}}
{{- with get $chartFiles $w.volume -}}
{{- $files = append $files (merge (dict "file" .key "key" .key "configMap" (printf "%s-%s" (include "handoff.fullname" $root) $w.volume) "checksum" (sha256sum .json)) $w) -}}
{{- end -}}
{{- end -}}
{{- if and (has .service (list "gateway" "conversation" "presence")) (include "handoff.authInUse" $root) -}}
{{- $auth := $root.Values.auth -}}
{{- $jwks := dict "volume" "auth-jwks" "env" "AUTH_JWKS_FILE" "dir" "/etc/handoff/auth" "file" "jwks.json" -}}
{{- with get $chartFiles "auth-jwks" -}}
{{- $files = append $files (merge (dict "key" .key "configMap" (printf "%s-auth-jwks" (include "handoff.fullname" $root)) "checksum" (sha256sum .json)) $jwks) -}}
{{- end -}}
{{- with (default dict $auth.jwksConfigMap).name -}}
{{- $files = append $files (merge (dict "key" (default "jwks.json" $auth.jwksConfigMap.key) "configMap" .) $jwks) -}}
{{- end -}}
{{- end -}}
{{- if eq .service "gateway" -}}
{{- $webhooks := default dict $root.Values.gateway.webhookSecrets -}}
{{- with $webhooks.existingSecret -}}
{{- $files = append $files (dict "volume" "gateway-webhook-secrets" "env" "GATEWAY_WEBHOOK_SECRETS_FILE" "dir" "/var/run/secrets/handoff/gateway" "file" "webhook-secrets.json" "key" (default "secrets.json" $webhooks.key) "secret" .) -}}
{{- end -}}
{{- end -}}
{{- toYaml (dict "files" $files) -}}
{{- end -}}
