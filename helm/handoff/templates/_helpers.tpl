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
whether it stores state in MongoDB and whether it serves gRPC.
*/}}
{{- define "handoff.traits" -}}
conversation: { mongo: true, grpc: false }
sentiment: { mongo: false, grpc: false }
routing: { mongo: true, grpc: false }
presence: { mongo: true, grpc: true }
{{- end -}}

{{/*
The enabled services, each overlaid on the chart-wide defaults, as YAML:
  <service>: { replicaCount, autoscaling, podDisruptionBudget, resources, podAnnotations, env, mongo, grpc }
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
