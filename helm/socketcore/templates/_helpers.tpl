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
{{- range $name, $listener := .Values.listeners }}
{{- if hasKey (dig "socketcore" "tcp" "listeners" $name dict $config) "port" }}
{{- fail (printf "config.socketcore.tcp.listeners.%s.port: set listeners.%s.port instead (the container port and Service follow it)" $name $name) }}
{{- end }}
{{- end }}
{{- $owned := dict
      "socketcore" (dict "tcp" (dict "port" (int .Values.ports.tcp)))
      "management" (dict "server" (dict "port" (int .Values.ports.management)))
      "spring" (dict "lifecycle" (dict "timeout-per-shutdown-phase" (printf "%ds" (int .Values.gracefulShutdown.timeoutSeconds)))) }}
{{- if .Values.listeners }}
{{- $listeners := dict }}
{{- range $name, $listener := .Values.listeners }}
{{- $_ := set $listeners $name (dict "port" (int $listener.port)) }}
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

{{/* The container ports of the TCP protocol: `tcp` and one per extra listener (NetworkPolicy). */}}
{{- define "socketcore.tcpPortNames" -}}
{{- $names := list "tcp" }}
{{- range $name, $listener := .Values.listeners }}
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
