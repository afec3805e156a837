import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Locale;
import java.util.Set;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * DynamoDB Local, listening on loopback only. Its own launcher has no option for the address and binds
 * every interface: on a venue's Wi-Fi anyone could then write an organiser credential into its tables.
 * This starts the same server from the same command line, with its Jetty connector bound to 127.0.0.1
 * before it opens, and answering only requests addressed to loopback: a page in this laptop's own
 * browser that rebinds its name to 127.0.0.1 (DNS rebinding) still sends that name as Host, and gets
 * 421 (as the Node engines do, `loopback-host.ts`). Run as a single-file program
 * (`java -cp DynamoDBLocal.jar:... this-file.java args`).
 */
public class LoopbackDynamoDbLocal {
  static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

  static boolean loopbackHost(String host) {
    return host != null && LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", ""));
  }

  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server jetty = (Server) field.get(proxy);
    int bound = 0;
    for (Connector connector : jetty.getConnectors()) {
      if (connector instanceof ServerConnector) {
        ((ServerConnector) connector).setHost("127.0.0.1");
        bound += 1;
      }
    }
    if (bound == 0) throw new IllegalStateException("no connector to bind to loopback: refusing to listen everywhere");
    HandlerWrapper loopbackOnly = new HandlerWrapper() {
      @Override
      public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
          throws IOException, ServletException {
        if (loopbackHost(request.getHeader("Host"))) {
          super.handle(target, base, request, response);
          return;
        }
        base.setHandled(true);
        response.setStatus(421);
        response.setContentType("text/plain");
        response.getWriter().write("this engine answers this machine only\n");
      }
    };
    loopbackOnly.setHandler(jetty.getHandler());
    jetty.setHandler(loopbackOnly);
    proxy.start();
  }
}
