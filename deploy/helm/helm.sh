#!/usr/bin/env bash
# Helm CLI built from the Go module proxy (no release download needed), and checks for the chart.
#
#   helm.sh build          build helm once into the cache; later calls reuse it
#   helm.sh path           build if needed, print the binary's path
#   helm.sh check          lint and render helm/handoff, and prove the values schema rejects bad values
#   helm.sh run ARGS...    build if needed, run helm with ARGS
#
# Environment:
#   HELM_VERSION (v3.22.0)   HANDOFF_CACHE_DIR (<repo>/.local/cache)
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CHART="$REPO_DIR/helm/handoff"

VERSION="${HELM_VERSION:-v3.22.0}"
if ! [[ "$VERSION" =~ ^v3\.[0-9]+\.[0-9]+$ ]]; then
  echo "helm: HELM_VERSION must look like v3.x.y, got '$VERSION'" >&2
  exit 2
fi
CACHE_DIR="${HANDOFF_CACHE_DIR:-$REPO_DIR/.local/cache}/helm-$VERSION"
BIN="$CACHE_DIR/helm"

log() { echo "helm: $*" >&2; }

cmd_build() {
  [[ -x "$BIN" ]] && return 0
  command -v go >/dev/null || { log "go is required to build helm"; return 1; }

  log "building helm $VERSION into $BIN"
  mkdir -p "$CACHE_DIR"
  local started=$SECONDS gomod client_go major minor tmp
  # helm's Makefile stamps the version and the Kubernetes version (derived from client-go) it
  # assumes when no cluster is present; without them lint and template would claim Kubernetes 1.20.
  gomod="$(go mod download -json "helm.sh/helm/v3@$VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')"
  client_go="$(awk '$1 == "k8s.io/client-go" { print $2; exit }' "$gomod")"
  [[ "$client_go" =~ ^v0\.([0-9]+)\. ]] || { log "cannot read k8s.io/client-go version from $gomod"; return 1; }
  major=1 minor="${BASH_REMATCH[1]}"

  tmp="$(mktemp -d "$CACHE_DIR/build.XXXXXX")"
  # -mod=mod: let go fill in go.sum rather than fail; CGO off: no C toolchain needed.
  CGO_ENABLED=0 GOBIN="$tmp" GOFLAGS="${GOFLAGS:-} -mod=mod" go install -trimpath -ldflags "-s -w \
    -X helm.sh/helm/v3/internal/version.version=$VERSION \
    -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=$major \
    -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$minor \
    -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=$major \
    -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$minor" \
    "helm.sh/helm/v3/cmd/helm@$VERSION" || { rm -rf "$tmp"; return 1; }
  mv -f "$tmp/helm" "$BIN"
  rm -rf "$tmp"
  log "built in $((SECONDS - started))s (Kubernetes $major.$minor assumed offline)"
}

helm() { "$BIN" "$@"; }

cmd_check() {
  cmd_build
  local passed=0 failed=0
  out="$(mktemp -d)" # global: the EXIT trap runs after this function has returned
  trap 'rm -rf "$out"' EXIT
  # Checks are offline and must not depend on, or write to, the user's helm setup.
  export HELM_CONFIG_HOME="$out/config" HELM_CACHE_HOME="$out/cache" HELM_DATA_HOME="$out/data"
  # The chart requires image.repository; checks that are not about it use this placeholder.
  local repo=(--set image.repository=registry.example/handoff)

  result() { # name, then the command's status
    if [[ "$2" -eq 0 ]]; then
      echo "ok - $1"
      passed=$((passed + 1))
    else
      echo "not ok - $1"
      sed 's/^/    # /' "$out/last.log"
      failed=$((failed + 1))
    fi
  }
  expect_ok() { # name, helm args...
    local name="$1"
    shift
    local status=0
    helm "$@" >"$out/last.log" 2>&1 || status=$?
    result "$name" "$status"
  }
  expect_rejected() { # name, message the failure must contain, helm args...
    local name="$1" want="$2"
    shift 2
    local status=0
    if helm "$@" >"$out/last.log" 2>&1; then
      status=1
      echo "accepted, but should have been rejected" >>"$out/last.log"
    elif ! grep -q -- "$want" "$out/last.log"; then
      status=1
      echo "rejected, but not for '$want'" >>"$out/last.log"
    fi
    result "$name" "$status"
  }
  # Checks the last render holds exactly N objects of each kind.
  count_in_render() { # name, N, kinds...
    local name="$1" want="$2" kind got status=0
    shift 2
    : >"$out/last.log"
    for kind in "$@"; do
      got="$(grep -c "^kind: $kind\$" "$out/render.yaml" || true)"
      if [[ "$got" -ne "$want" ]]; then
        status=1
        echo "$got of kind $kind, want $want" >>"$out/last.log"
      fi
    done
    result "$name" "$status"
  }
  expect_rendered() { # name, pattern, helm template args...
    local name="$1" pattern="$2"
    shift 2
    local status=0
    helm template handoff "$CHART" "$@" >"$out/render.yaml" 2>"$out/last.log" || status=$?
    if [[ $status -eq 0 ]] && ! grep -Eq -- "$pattern" "$out/render.yaml"; then
      status=1
      echo "rendered, but no line matches /$pattern/" >>"$out/last.log"
    fi
    result "$name" "$status"
  }
  # Checks that lines matching the pattern occur N times in the last render's documents that
  # contain the marker (a line such as "name: handoff-gateway" or "kind: NetworkPolicy").
  expect_in_render() { # name, pattern, marker, N
    local name="$1" pattern="$2" marker="$3" want="$4" got status=0
    got="$(awk -v marker="$marker" 'BEGIN { RS = "\n---\n" } index($0, marker) { print }' \
      "$out/render.yaml" | grep -Ec -- "$pattern" || true)"
    if [[ "$got" -ne "$want" ]]; then
      status=1
      echo "$got lines match /$pattern/ in documents with '$marker', want $want" >"$out/last.log"
    fi
    result "$name" "$status"
  }

  expect_ok "helm lint" lint --strict "$CHART" "${repo[@]}"
  # lint has no --api-versions, so the ServiceMonitor is covered by the template checks below.
  expect_ok "helm lint (autoscaling, existing Secret, no NetworkPolicy)" lint --strict "$CHART" "${repo[@]}" \
    --set autoscaling.enabled=true --set mongo.existingSecret=handoff-mongo --set networkPolicy.enabled=false
  expect_rendered "template: default values" "^kind: Deployment$" "${repo[@]}"
  count_in_render "template: a Deployment, Service, PDB and NetworkPolicy per service" 4 \
    Deployment Service PodDisruptionBudget NetworkPolicy
  count_in_render "template: no HPA or ServiceMonitor by default" 0 HorizontalPodAutoscaler ServiceMonitor
  expect_rendered "template: image is <repository>/<service>:<appVersion>" \
    "image: \"registry.example/handoff/presence:$(awk '$1 == "appVersion:" { gsub(/"/, "", $2); print $2 }' "$CHART/Chart.yaml")\"" \
    "${repo[@]}"
  expect_rendered "template: autoscaling on" "^kind: HorizontalPodAutoscaler$" \
    "${repo[@]}" --set autoscaling.enabled=true
  # Presence is the single capacity arbiter: the chart-wide autoscaling default never applies to it.
  count_in_render "template: autoscaling on gives an HPA per service but presence" 3 HorizontalPodAutoscaler
  expect_rendered "template: autoscaling on for routing only" "^kind: HorizontalPodAutoscaler$" \
    "${repo[@]}" --set services.routing.autoscaling.enabled=true
  count_in_render "template: autoscaling for routing only gives one HPA" 1 HorizontalPodAutoscaler
  expect_rendered "template: ServiceMonitor with the CRD present" "^kind: ServiceMonitor$" \
    "${repo[@]}" --api-versions monitoring.coreos.com/v1
  expect_rendered "template: MONGO_URL from an existing Secret" "name: handoff-mongo" \
    "${repo[@]}" --set mongo.existingSecret=handoff-mongo

  expect_rendered "template: presence is one replica, replaced with Recreate" "^    type: Recreate$" "${repo[@]}"
  expect_rendered "template: Kafka TLS and SASL from Secrets, as files" "KAFKA_SASL_PASSWORD_FILE" \
    "${repo[@]}" --set kafka.tls.enabled=true --set kafka.tls.existingSecret=kafka-tls \
    --set kafka.tls.clientCertificate=true --set kafka.sasl.mechanism=scram-sha-512 \
    --set kafka.sasl.existingSecret=kafka-credentials
  expect_rendered "template: routing queues mounted from their ConfigMap" "ROUTING_QUEUES_FILE" \
    "${repo[@]}" --set 'routingQueues.tenants.acme.queues[0].name=general'
  count_in_render "template: routing queues add one ConfigMap" 2 ConfigMap
  expect_rejected "schema rejects routing queues without tenants" "/routingQueues" \
    template handoff "$CHART" "${repo[@]}" --set routingQueues.queues=x
  expect_rejected "schema rejects two presence replicas" "/services/presence/replicaCount" \
    template handoff "$CHART" "${repo[@]}" --set services.presence.replicaCount=2
  expect_rejected "schema rejects autoscaling presence" "/services/presence/autoscaling/enabled" \
    template handoff "$CHART" "${repo[@]}" --set services.presence.autoscaling.enabled=true
  expect_rejected "schema rejects a SASL mechanism without a Secret" "/kafka/sasl/existingSecret" \
    template handoff "$CHART" "${repo[@]}" --set kafka.sasl.mechanism=scram-sha-256
  expect_rejected "schema rejects TLS without a Secret" "/kafka/tls/existingSecret" \
    template handoff "$CHART" "${repo[@]}" --set kafka.tls.enabled=true
  expect_rejected "schema rejects an unknown SASL mechanism" "/kafka/sasl/mechanism" \
    template handoff "$CHART" "${repo[@]}" --set kafka.sasl.mechanism=gssapi --set kafka.sasl.existingSecret=s
  expect_rejected "schema rejects a negative replica count" "/services/routing/replicaCount" \
    lint --strict "$CHART" "${repo[@]}" --set services.routing.replicaCount=-1
  expect_rejected "schema rejects an unknown log level" "/logLevel" \
    lint --strict "$CHART" "${repo[@]}" --set logLevel=verbose
  expect_rejected "schema rejects a missing image repository" "/image/repository" \
    lint --strict "$CHART"
  expect_rejected "schema rejects an unknown service" "'billing' not allowed" \
    template handoff "$CHART" "${repo[@]}" --set services.billing.replicaCount=1
  expect_rejected "schema rejects a Kafka broker that is not host:port" "/kafka/brokers/0" \
    template handoff "$CHART" "${repo[@]}" --set 'kafka.brokers[0]=kafka'
  expect_rejected "schema rejects a Mongo URL that is not mongodb://" "/mongo/url" \
    template handoff "$CHART" "${repo[@]}" --set mongo.url=postgres://db
  expect_rejected "schema rejects a misspelt top-level key" "'autoscalling' not allowed" \
    template handoff "$CHART" "${repo[@]}" --set autoscalling.enabled=true
  expect_rejected "schema rejects credentials in mongo.url" "/mongo/url" \
    template handoff "$CHART" "${repo[@]}" --set mongo.url=mongodb://app:hunter2@db:27017
  expect_rejected "template rejects minReplicas above maxReplicas" "minReplicas" \
    template handoff "$CHART" "${repo[@]}" --set autoscaling.enabled=true --set autoscaling.minReplicas=5 --set autoscaling.maxReplicas=3
  expect_rejected "template rejects routing without presence" "PRESENCE_GRPC_URL" \
    template handoff "$CHART" "${repo[@]}" --set services.presence.enabled=false

  # The gateway: off by default; on, it needs the token settings and exactly one key source.
  local gateway=("${repo[@]}" --set services.gateway.enabled=true --set auth.issuer=https://login.example
    --set auth.audience=handoff --set auth.jwksUrl=https://login.example/jwks.json)
  expect_ok "helm lint (gateway with a JWKS URL)" lint --strict "$CHART" "${gateway[@]}"
  expect_rendered "template: gateway enabled" "^  name: handoff-gateway$" "${gateway[@]}"
  count_in_render "template: the gateway adds a Deployment, Service, PDB and NetworkPolicy" 5 \
    Deployment Service PodDisruptionBudget NetworkPolicy
  count_in_render "template: no Ingress unless enabled" 0 Ingress
  expect_in_render "template: gateway probes its health endpoints" \
    '^              path: /health/(live|ready)$' "name: handoff-gateway" 3
  expect_in_render "template: gateway reaches the conversation Service in-cluster" \
    '^              value: "http://handoff-conversation:8080"$' "name: CONVERSATION_URL" 1
  expect_in_render "template: gateway reaches the presence Service in-cluster" \
    '^              value: "http://handoff-presence:8080"$' "name: PRESENCE_URL" 1
  expect_in_render "template: presence admits HTTP from the gateway" \
    '^              app.kubernetes.io/component: gateway$' "name: handoff-presence" 1
  expect_in_render "template: gateway's NetworkPolicy limits its egress" '^    - Egress$' \
    "kind: NetworkPolicy" 1
  expect_in_render "template: gateway's egress reaches the JWKS endpoint's port" '^        - port: 443$' \
    "kind: NetworkPolicy" 1
  expect_in_render "template: conversation admits HTTP from the gateway" \
    '^              app.kubernetes.io/component: gateway$' "name: handoff-conversation" 1
  expect_in_render "template: conversation checks forwarded tokens" '^            - name: AUTH_ISSUER$' \
    "name: handoff-conversation" 1
  expect_in_render "template: presence checks the tokens of people reading agents" '^            - name: AUTH_ISSUER$' \
    "name: handoff-presence" 1
  expect_rendered "template: gateway Ingress when enabled" "^kind: Ingress$" "${gateway[@]}" \
    --set gateway.ingress.enabled=true --set 'gateway.ingress.hosts[0]=desk-api.example.com'
  count_in_render "template: one Ingress, for the gateway" 1 Ingress
  expect_rendered "template: webhook secrets mounted from their Secret, not inlined" \
    "^            secretName: handoff-webhooks$" "${gateway[@]}" --set gateway.webhookSecrets.existingSecret=handoff-webhooks
  expect_in_render "template: gateway gets the webhook secrets' path" \
    '^              value: "/var/run/secrets/handoff/gateway/webhook-secrets.json"$' "GATEWAY_WEBHOOK_SECRETS_FILE" 1
  expect_rendered "template: inline JWKS mounted from the chart's ConfigMap as AUTH_JWKS_FILE" "^  jwks.json: " \
    "${repo[@]}" --set services.gateway.enabled=true --set auth.issuer=i --set auth.audience=a \
    --set 'auth.jwks.keys[0].kty=OKP' --set 'auth.jwks.keys[0].x=abc'
  expect_in_render "template: gateway, conversation and presence roll when the inline JWKS changes" '^        checksum/auth-jwks: ' \
    "kind: Deployment" 3
  expect_rendered "template: summariser keys from Secrets, in the environment by reference" \
    "^                  name: summariser-keys$" "${repo[@]}" \
    --set 'conversation.extraEnvFromSecrets[0].name=ACME_KEY' \
    --set 'conversation.extraEnvFromSecrets[0].secretName=summariser-keys' \
    --set 'conversation.extraEnvFromSecrets[0].key=acme'
  expect_rendered "template: conversation knowledge mounted from its ConfigMap" "CONVERSATION_KNOWLEDGE_FILE" \
    "${repo[@]}" --set 'conversationKnowledge.tenants.acme.articles[0].articleId=a' \
    --set 'conversationKnowledge.tenants.acme.articles[0].title=A' \
    --set 'conversationKnowledge.tenants.acme.articles[0].body=B' \
    --set 'conversationPrivacy.tenants.acme.retentionDays=90'
  count_in_render "template: knowledge and privacy add two ConfigMaps" 3 ConfigMap
  expect_in_render "template: conversation rolls when its knowledge or privacy changes" \
    '^        checksum/conversation-(knowledge|privacy): [0-9a-f]{64}$' "name: handoff-conversation" 2
  expect_in_render "template: conversation gets the privacy file's path" \
    '^              value: "/etc/handoff/conversation/privacy/privacy.json"$' "CONVERSATION_PRIVACY_FILE" 1
  expect_rejected "schema rejects the gateway without a key source" "/auth/jwksUrl" \
    template handoff "$CHART" "${repo[@]}" --set services.gateway.enabled=true --set auth.issuer=i --set auth.audience=a
  expect_rejected "schema rejects two key sources" "'oneOf' failed" \
    template handoff "$CHART" "${gateway[@]}" --set auth.jwksConfigMap.name=jwks
  expect_rejected "schema rejects the gateway without an issuer" "/auth/issuer" \
    template handoff "$CHART" "${repo[@]}" --set services.gateway.enabled=true --set auth.jwksUrl=https://login.example/jwks
  expect_rejected "template rejects the gateway without a key source (no schema)" "exactly one key source" \
    template handoff "$CHART" "${repo[@]}" --skip-schema-validation --set services.gateway.enabled=true \
    --set auth.issuer=i --set auth.audience=a
  expect_rejected "schema rejects an inline webhook secret" "/gateway/webhookSecrets" \
    template handoff "$CHART" "${gateway[@]}" --set gateway.webhookSecrets.acme=0123456789abcdef
  expect_rejected "schema rejects an Ingress without hosts" "/gateway/ingress/hosts" \
    template handoff "$CHART" "${gateway[@]}" --set gateway.ingress.enabled=true
  expect_rejected "schema rejects a command timeout out of range" "/gateway/commandTimeoutMs" \
    template handoff "$CHART" "${repo[@]}" --set gateway.commandTimeoutMs=99
  expect_rejected "schema rejects a retention sweep out of range" "/conversation/retentionSweepSeconds" \
    template handoff "$CHART" "${repo[@]}" --set conversation.retentionSweepSeconds=5
  expect_rejected "schema rejects an unknown privacy setting" "/conversationPrivacy/tenants/acme" \
    template handoff "$CHART" "${repo[@]}" --set conversationPrivacy.tenants.acme.keepForever=true
  expect_rejected "template rejects a summariser key nothing supplies" "apiKeyEnv names ACME_KEY" \
    template handoff "$CHART" "${repo[@]}" --set 'conversationKnowledge.tenants.acme.summariser.url=https://llm.example/v1' \
    --set conversationKnowledge.tenants.acme.summariser.model=small \
    --set conversationKnowledge.tenants.acme.summariser.apiKeyEnv=ACME_KEY
  expect_rejected "template rejects the gateway without conversation" "CONVERSATION_URL" \
    template handoff "$CHART" "${gateway[@]}" --set services.conversation.enabled=false

  echo "$passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}

case "${1:-}" in
  build) cmd_build ;;
  path) cmd_build && echo "$BIN" ;;
  check) cmd_check ;;
  run)
    shift
    cmd_build
    helm "$@"
    ;;
  *)
    echo "usage: helm.sh build|path|check|run ARGS..." >&2
    exit 2
    ;;
esac
