# The monitor's image: the fat jar with the shipped application.properties, channels.properties,
# routes/, monitors/ and nodes/ as defaults. Build the jar first (mvn -B -q package -DskipTests), then
#   docker build -t bactrian:0.1.0 .
# Kubernetes mounts its ConfigMaps over /app/routes, /app/monitors, /app/application.properties,
# /app/channels.properties and /app/nodes, and a volume on /app/data (alert state, mail queue, outboxes, history).
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY target/bactrian.jar application.properties channels.properties ./
COPY routes/ routes/
COPY monitors/ monitors/
COPY nodes/ nodes/
RUN mkdir data && chown 10001:10001 data
# class-data sharing: one validate run at build time records the classes start-up loads, and
# every start maps them instead of reading them from the jar (about a third less start-up CPU);
# a JVM that cannot use the archive starts without it
RUN java -XX:ArchiveClassesAtExit=/app/bactrian.jsa -jar /app/bactrian.jar validate > /dev/null
USER 10001:10001
# inside a container the server must listen beyond loopback for probes and the Service
ENV CAMEL_SERVER_HOST=0.0.0.0
# the JVM decodes -D options and environment values in the locale's charset: Chinese settings need UTF-8
ENV LANG=C.UTF-8
EXPOSE 8080
# the heap follows the container's memory limit (the JVM's default is a quarter of it)
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/bactrian.jsa", "-XX:MaxRAMPercentage=75", "-jar", "/app/bactrian.jar"]
CMD ["run"]
