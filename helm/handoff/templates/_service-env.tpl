{{/*
handoff.serviceEnv (dict "root" . "service" <name> "svc" <merged service>): environment entries
(a YAML list, or nothing) a service needs beyond the shared ConfigMap: the typed settings of
the gateway and conversation values, and the token settings the gateway, conversation and
presence check bearer tokens with.
The mounted files' *_FILE paths are added by the Deployment from handoff.mountedFiles.
*/}}
{{- define "handoff.serviceEnv" -}}
{{- $root := .root -}}
{{- if eq .service "gateway" }}
{{- if not (hasKey .svc.env "CONVERSATION_URL") }}
{{- if not (hasKey (fromYaml (include "handoff.services" $root)) "conversation") }}
{{- fail "services.gateway needs the conversation service for reads: enable services.conversation or set services.gateway.env.CONVERSATION_URL" }}
{{- end }}
- name: CONVERSATION_URL
  value: {{ printf "http://%s:%v" (include "handoff.componentName" (dict "root" $root "service" "conversation")) $root.Values.http.port | quote }}
{{- end }}
{{- if and (not (hasKey .svc.env "PRESENCE_URL")) (hasKey (fromYaml (include "handoff.services" $root)) "presence") }}
- name: PRESENCE_URL
  value: {{ printf "http://%s:%v" (include "handoff.componentName" (dict "root" $root "service" "presence")) $root.Values.http.port | quote }}
{{- end }}
{{- include "handoff.settingsEnv" (dict "values" (default dict $root.Values.gateway) "names" (dict
  "commandTimeoutMs" "GATEWAY_COMMAND_TIMEOUT_MS"
  "readTimeoutMs" "GATEWAY_READ_TIMEOUT_MS"
  "streamBufferSize" "GATEWAY_STREAM_BUFFER_SIZE"
  "streamResumeOverlapMs" "GATEWAY_STREAM_RESUME_OVERLAP_MS"
  "streamHeartbeatMs" "GATEWAY_STREAM_HEARTBEAT_MS"
  "webhookToleranceSeconds" "GATEWAY_WEBHOOK_TOLERANCE_SECONDS")) }}
{{- end }}
{{- if eq .service "conversation" }}
{{- $conversation := default dict $root.Values.conversation }}
{{- include "handoff.settingsEnv" (dict "values" $conversation "names" (dict
  "retentionSweepSeconds" "CONVERSATION_RETENTION_SWEEP_SECONDS"
  "notificationTemplatesRefreshSeconds" "NOTIFICATION_TEMPLATES_REFRESH_SECONDS"
  "queuePositionUpdateSeconds" "QUEUE_POSITION_UPDATE_SECONDS")) }}
{{- include "handoff.summariserKeysSupplied" (dict "root" $root "svc" .svc) }}
{{- range $conversation.extraEnvFromSecrets }}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secretName }}
      key: {{ .key | quote }}
{{- end }}
{{- end }}
{{- if and (has .service (list "gateway" "conversation" "presence")) (include "handoff.authInUse" $root) }}
{{- include "handoff.authEnv" $root | nindent 0 }}
{{- end }}
{{- end -}}

{{/* One entry per setting present in .values, named by .names (value key -> variable). */}}
{{- define "handoff.settingsEnv" -}}
{{- range $key, $name := .names }}
{{- if hasKey $.values $key }}
- name: {{ $name }}
  value: {{ get $.values $key | toString | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
A summariser's API key comes from the variable its tenant's apiKeyEnv names; without it the
service would call the model unauthenticated, so a name nothing supplies fails the render.
*/}}
{{- define "handoff.summariserKeysSupplied" -}}
{{- $supplied := keys .svc.env -}}
{{- range (default dict .root.Values.conversation).extraEnvFromSecrets }}
{{- $supplied = append $supplied .name -}}
{{- end }}
{{- range $tenant, $knowledge := (default dict (default dict .root.Values.conversationKnowledge).tenants) }}
{{- with (default dict (default dict $knowledge).summariser).apiKeyEnv }}
{{- if not (has . $supplied) }}
{{- fail (printf "conversationKnowledge.tenants.%s.summariser.apiKeyEnv names %s, which nothing sets: add it to conversation.extraEnvFromSecrets" $tenant .) }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}
