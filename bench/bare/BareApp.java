import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/** The baseline of startup.sh: a bare camel-main application with one quartz route. */
public final class BareApp {
    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("quartz:bare/tick?cron=*+*+*+*+*+?&trigger.startDelay=0").routeId("bare").log("tick");
            }
        });
        main.run(args);
    }
}
