{{/*
Names and labels, as in the `helm create` scaffold.
*/}}

{{/* The chart name, or nameOverride. */}}
{{- define "socketcore.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The full name: fullnameOverride, or release-name (the release name alone when it contains the chart name).
Truncated to 63 characters, the limit of some Kubernetes name fields.
*/}}
{{- define "socketcore.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Chart name and version, for the helm.sh/chart label. */}}
{{- define "socketcore.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every resource. */}}
{{- define "socketcore.labels" -}}
helm.sh/chart: {{ include "socketcore.chart" . }}
{{ include "socketcore.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: socketcore
{{- end }}

{{/*
Labels of the pods: the chart's, then podLabels, merged into one map so that a podLabels key that repeats a
chart label replaces it instead of rendering twice. The selector labels always keep the chart's values: a
Deployment's selector cannot change.
*/}}
{{- define "socketcore.podLabels" -}}
{{- $labels := mustMergeOverwrite (include "socketcore.labels" . | fromYaml) (deepCopy .Values.podLabels) }}
{{- toYaml (mustMergeOverwrite $labels (include "socketcore.selectorLabels" . | fromYaml)) }}
{{- end }}

{{/* Labels that select the application's pods (never change them on upgrade). */}}
{{- define "socketcore.selectorLabels" -}}
app.kubernetes.io/name: {{ include "socketcore.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Labels of the `helm test` pod (the NetworkPolicy admits it). */}}
{{- define "socketcore.testSelectorLabels" -}}
app.kubernetes.io/name: {{ include "socketcore.name" . }}-test
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The ServiceAccount's name. */}}
{{- define "socketcore.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "socketcore.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The image reference: repository@digest, or repository:tag (tag defaults to appVersion). */}}
{{- define "socketcore.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion | toString) }}
{{- end }}
{{- end }}

{{/*
The application.yml of the ConfigMap: `config` plus the settings the chart owns (ports, shutdown
timeout, log format), which `config` must not set.
*/}}
{{- define "socketcore.applicationYaml" -}}
{{- $config := deepCopy .Values.config }}
{{- if hasKey (dig "socketcore" "tcp" dict $config) "port" }}
{{- fail "config.socketcore.tcp.port: set ports.tcp instead (the container port, Service and NetworkPolicy follow it)" }}
{{- end }}
{{- if hasKey (dig "management" "server" dict $config) "port" }}
{{- fail "config.management.server.port: set ports.management instead (the probes, Service and ServiceMonitor follow it)" }}
{{- end }}
{{- if hasKey (dig "spring" "lifecycle" dict $config) "timeout-per-shutdown-phase" }}
{{- fail "config.spring.lifecycle.timeout-per-shutdown-phase: set gracefulShutdown.timeoutSeconds instead (the grace period follows it)" }}
{{- end }}
{{- $allListeners := include "socketcore.listeners" . | fromJson }}
{{- range $name, $listener := $allListeners }}
{{- if hasKey (dig "socketcore" "tcp" "listeners" $name dict $config) "port" }}
{{- fail (printf "config.socketcore.tcp.listeners.%s.port: set listeners.%s.port instead (the container port and Service follow it)" $name $name) }}
{{- end }}
{{- end }}
{{- $owned := dict
      "socketcore" (dict "tcp" (dict "port" (int .Values.ports.tcp)))
      "management" (dict "server" (dict "port" (int .Values.ports.management)))
      "spring" (dict "lifecycle" (dict "timeout-per-shutdown-phase" (printf "%ds" (int .Values.gracefulShutdown.timeoutSeconds)))) }}
{{- if $allListeners }}
{{- $listeners := dict }}
{{- range $name, $listener := $allListeners }}
{{- $_ := set $listeners $name (dict "port" (int $listener.port)) }}
{{- end }}
{{- if .Values.tls.existingSecret }}
{{- $tlsListener := get $listeners .Values.tls.listener }}
{{- $_ := set $tlsListener "ssl-bundle" "socketcore-tls" }}
{{- $_ := set $tlsListener "client-auth" .Values.tls.clientAuth }}
{{- $directory := include "socketcore.tlsMountPath" . }}
{{- $bundle := dict "reload-on-update" true "keystore" (dict "certificate" (printf "file:%s/tls.crt" $directory) "private-key" (printf "file:%s/tls.key" $directory)) }}
{{- if ne .Values.tls.clientAuth "none" }}
{{- $_ := set $bundle "truststore" (dict "certificate" (printf "file:%s/ca.crt" $directory)) }}
{{- end }}
{{- $_ := set $owned.spring "ssl" (dict "bundle" (dict "pem" (dict "socketcore-tls" $bundle))) }}
{{- end }}
{{- $_ := set $owned.socketcore.tcp "listeners" $listeners }}
{{- end }}
{{- if .Values.logFormat }}
{{- $_ := set $owned "logging" (dict "structured" (dict "format" (dict "console" .Values.logFormat))) }}
{{- end }}
{{- toYaml (mustMergeOverwrite $config $owned) }}
{{- end }}

{{/*
terminationGracePeriodSeconds: the value given, or preStop pause + shutdown timeout + margin. Kubernetes
counts the preStop pause in the grace period, so anything shorter than pause + timeout would kill
requests that are still being answered.
*/}}
{{- define "socketcore.terminationGracePeriodSeconds" -}}
{{- $shutdown := .Values.gracefulShutdown }}
{{- $needed := add (int $shutdown.preStopSleepSeconds) (int $shutdown.timeoutSeconds) }}
{{- if kindIs "invalid" .Values.terminationGracePeriodSeconds }}
{{- add $needed (int $shutdown.marginSeconds) }}
{{- else if lt (int .Values.terminationGracePeriodSeconds) (int $needed) }}
{{- fail (printf "terminationGracePeriodSeconds %d is shorter than gracefulShutdown.preStopSleepSeconds + timeoutSeconds = %d: requests still being answered would be killed" (int .Values.terminationGracePeriodSeconds) (int $needed)) }}
{{- else }}
{{- int .Values.terminationGracePeriodSeconds }}
{{- end }}
{{- end }}

{{/*
The extra listeners as JSON: `listeners`, plus the TLS listener when `tls.existingSecret` is set.
*/}}
{{- define "socketcore.listeners" -}}
{{- $listeners := deepCopy .Values.listeners }}
{{- if .Values.tls.existingSecret }}
{{- if hasKey $listeners .Values.tls.listener }}
{{- fail (printf "tls.listener %s is also under listeners: name the TLS listener apart" .Values.tls.listener) }}
{{- end }}
{{- $tls := dict "port" .Values.tls.port }}
{{- if .Values.tls.servicePort }}
{{- $_ := set $tls "servicePort" .Values.tls.servicePort }}
{{- end }}
{{- with .Values.service.nodePorts }}
{{- if hasKey . $.Values.tls.listener }}
{{- $_ := set $tls "nodePort" (get . $.Values.tls.listener) }}
{{- end }}
{{- end }}
{{- $_ := set $listeners .Values.tls.listener $tls }}
{{- end }}
{{- toJson $listeners }}
{{- end }}

{{/* Where the TLS Secret is mounted. */}}
{{- define "socketcore.tlsMountPath" -}}
/etc/socketcore-tls
{{- end }}

{{/* The container ports of the TCP protocol: `tcp` and one per extra listener (NetworkPolicy). */}}
{{- define "socketcore.tcpPortNames" -}}
{{- $names := list "tcp" }}
{{- range $name, $listener := include "socketcore.listeners" . | fromJson }}
{{- $names = append $names $name }}
{{- end }}
{{- toJson $names }}
{{- end }}

{{/* The greeting the `helm test` pod expects for a plain HELLO, from the same settings as the application. */}}
{{- define "socketcore.expectedGreeting" -}}
{{- $template := dig "socketcore" "greeting" "template" "Hello, {name}!" .Values.config }}
{{- $name := dig "socketcore" "greeting" "default-name" "client" .Values.config }}
{{- replace "{name}" (toString $name) (toString $template) }}
{{- end }}
