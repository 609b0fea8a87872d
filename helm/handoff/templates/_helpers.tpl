{{/*
Names and labels. Every object is named <fullname>-<service> and labelled with the
standard app.kubernetes.io set; app.kubernetes.io/component is the service.
*/}}
{{- define "handoff.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "handoff.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Trimmed to 50 above so that "-conversation" still fits in 63 characters. */}}
{{- define "handoff.componentName" -}}
{{- printf "%s-%s" (include "handoff.fullname" .root) .service -}}
{{- end -}}

{{- define "handoff.selectorLabels" -}}
app.kubernetes.io/name: {{ include "handoff.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .service }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end -}}

{{- define "handoff.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{ include "handoff.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: handoff
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{- define "handoff.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "handoff.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
What the chart knows about each service, as opposed to what an operator tunes:
whether it stores state in MongoDB, whether it serves gRPC, whether it must run as a
single process, and whether it is the public edge (the gateway: reachable from anywhere, its
egress limited to what it calls; each of its replicas reads Kafka in a consumer group of its own). Presence is a singleton: it holds the capacity arbiter (every agent's chat
slots) in memory, so a second process would hand out the same slots again.
*/}}
{{- define "handoff.traits" -}}
conversation: { mongo: true, grpc: false, singleton: false, edge: false }
sentiment: { mongo: true, grpc: false, singleton: false, edge: false }
routing: { mongo: true, grpc: false, singleton: false, edge: false }
presence: { mongo: true, grpc: true, singleton: true, edge: false }
gateway: { mongo: false, grpc: false, singleton: false, edge: true }
{{- end -}}

{{/*
The enabled services, each overlaid on the chart-wide defaults, as YAML:
  <service>: { replicaCount, autoscaling, podDisruptionBudget, resources, podAnnotations, env, mongo, grpc, singleton, edge }
A singleton runs exactly one replica and ignores the chart-wide autoscaling default; the schema
refuses other values, and this refuses them again for installs that skip schema validation.
Templates read it with: fromYaml (include "handoff.services" .)
Overlays are key by key and written out because sprig's merge treats false as unset,
which would let a global "enabled: true" beat a service's "enabled: false".
*/}}
{{- define "handoff.services" -}}
{{- $traits := fromYaml (include "handoff.traits" .) -}}
{{- $out := dict -}}
{{- range $name, $svc := .Values.services -}}
{{- if ne (toString $svc.enabled) "false" -}}
{{- $merged := dict "replicaCount" (ternary $svc.replicaCount 1 (hasKey $svc "replicaCount")) "env" (default dict $svc.env) -}}
{{- range $key := list "autoscaling" "podDisruptionBudget" "resources" "podAnnotations" -}}
{{- $value := deepCopy (default dict (get $.Values $key)) -}}
{{- range $k, $v := (default dict (get $svc $key)) -}}
{{- $_ := set $value $k $v -}}
{{- end -}}
{{- $_ := set $merged $key $value -}}
{{- end -}}
{{- range $k, $v := get $traits $name -}}
{{- $_ := set $merged $k $v -}}
{{- end -}}
{{- if $merged.singleton -}}
{{- if ne (int $merged.replicaCount) 1 -}}
{{- fail (printf "services.%s.replicaCount must be 1: %s holds the capacity arbiter in memory and must run as one process" $name $name) -}}
{{- end -}}
{{- if eq (toString (get (default dict $svc.autoscaling) "enabled")) "true" -}}
{{- fail (printf "services.%s.autoscaling.enabled must be false: %s holds the capacity arbiter in memory and must run as one process" $name $name) -}}
{{- end -}}
{{- $_ := set $merged.autoscaling "enabled" false -}}
{{- end -}}
{{- with $merged.autoscaling -}}
{{- if and .enabled (gt (int .minReplicas) (int .maxReplicas)) -}}
{{- fail (printf "services.%s.autoscaling: minReplicas (%v) is above maxReplicas (%v)" $name .minReplicas .maxReplicas) -}}
{{- end -}}
{{- end -}}
{{- $_ := set $out $name $merged -}}
{{- end -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{- define "handoff.image" -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.image.repository) .service $tag | quote -}}
{{- end -}}

{{- define "handoff.presenceGrpcUrl" -}}
{{- printf "%s:%v" (include "handoff.componentName" (dict "root" . "service" "presence")) .Values.grpc.port -}}
{{- end -}}

{{/* Restricted Pod Security Standard; the image runs as uid 1000 ("node"). */}}
{{- define "handoff.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
fsGroup: 1000
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "handoff.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}


{{/*
Kafka TLS and SASL. The Secrets are projected into one read-only volume; the services get
the file paths (KAFKA_*_FILE), never the secrets' contents, in their environment:
  <dir>/tls/ca.crt, tls.crt, tls.key     from kafka.tls.existingSecret
  <dir>/sasl/username, password          from kafka.sasl.existingSecret
*/}}
{{- define "handoff.kafkaSecretsDir" -}}
/var/run/secrets/handoff/kafka
{{- end -}}

{{- define "handoff.kafkaTls" -}}
{{- $tls := default dict .Values.kafka.tls -}}
{{- if $tls.enabled -}}
{{- required "kafka.tls.existingSecret is required when kafka.tls.enabled is true" $tls.existingSecret -}}
{{- end -}}
{{- end -}}

{{- define "handoff.kafkaSasl" -}}
{{- $sasl := default dict .Values.kafka.sasl -}}
{{- if $sasl.mechanism -}}
{{- required "kafka.sasl.existingSecret is required when kafka.sasl.mechanism is set" $sasl.existingSecret -}}
{{- end -}}
{{- end -}}

{{/* Environment entries (a YAML list, or nothing) for the Kafka TLS and SASL settings. */}}
{{- define "handoff.kafkaSecurityEnv" -}}
{{- $dir := include "handoff.kafkaSecretsDir" . -}}
{{- $tls := default dict .Values.kafka.tls -}}
{{- $sasl := default dict .Values.kafka.sasl -}}
{{- if include "handoff.kafkaTls" . }}
- name: KAFKA_SSL
  value: "true"
- name: KAFKA_SSL_CA_FILE
  value: {{ printf "%s/tls/ca.crt" $dir | quote }}
{{- if $tls.clientCertificate }}
- name: KAFKA_SSL_CERT_FILE
  value: {{ printf "%s/tls/tls.crt" $dir | quote }}
- name: KAFKA_SSL_KEY_FILE
  value: {{ printf "%s/tls/tls.key" $dir | quote }}
{{- end }}
- name: KAFKA_SSL_REJECT_UNAUTHORIZED
  value: {{ ternary "false" "true" (eq (toString $tls.rejectUnauthorized) "false") | quote }}
{{- end }}
{{- if include "handoff.kafkaSasl" . }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $sasl.mechanism | quote }}
- name: KAFKA_SASL_USERNAME_FILE
  value: {{ printf "%s/sasl/username" $dir | quote }}
- name: KAFKA_SASL_PASSWORD_FILE
  value: {{ printf "%s/sasl/password" $dir | quote }}
{{- end }}
{{- end -}}

{{/* The projected volume (a YAML list entry, or nothing) holding the Kafka Secrets. */}}
{{- define "handoff.kafkaSecretsVolume" -}}
{{- $tls := default dict .Values.kafka.tls -}}
{{- $sasl := default dict .Values.kafka.sasl -}}
{{- $tlsSecret := include "handoff.kafkaTls" . -}}
{{- $saslSecret := include "handoff.kafkaSasl" . -}}
{{- if or $tlsSecret $saslSecret }}
- name: kafka-secrets
  projected:
    # 0400 (octal), written in decimal so every YAML reader agrees. With the pod's fsGroup
    # the kubelet adds group read (0440, group 1000), which is how the service user reads them.
    defaultMode: 256
    sources:
      {{- if $tlsSecret }}
      - secret:
          name: {{ $tlsSecret }}
          items:
            - key: ca.crt
              path: tls/ca.crt
            {{- if $tls.clientCertificate }}
            - key: tls.crt
              path: tls/tls.crt
            - key: tls.key
              path: tls/tls.key
            {{- end }}
      {{- end }}
      {{- if $saslSecret }}
      - secret:
          name: {{ $saslSecret }}
          items:
            - key: {{ default "username" $sasl.usernameKey | quote }}
              path: sasl/username
            - key: {{ default "password" $sasl.passwordKey | quote }}
              path: sasl/password
      {{- end }}
{{- end }}
{{- end -}}
